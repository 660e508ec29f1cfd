namespace MigrationTasks.Execution;

/// <summary>
/// What the database said when a migration failed, in provider-neutral terms. The statement index
/// and the position inside the statement let the runner point at file(line,col).
/// </summary>
public sealed record MigrationFailure(
    int? StatementIndex,
    string SqlState,
    string Message,
    string? Detail = null,
    string? Hint = null,
    int PositionInStatement = 0)
{
    /// <summary>Indexes the failure left unusable (a failed concurrent build), with the statements that drop them.</summary>
    public IReadOnlyList<InvalidIndex> InvalidIndexes { get; init; } = [];

    /// <summary>
    /// For a script run statement by statement: how many of its statements, from the first, stay
    /// committed (a file with its own BEGIN ... COMMIT loses the open transaction); null when it ran in one transaction.
    /// </summary>
    public int? Committed { get; init; }
}

/// <summary>Thrown by a provider when a migration fails; the runner turns it into a diagnostic.</summary>
public sealed class MigrationFailedException : Exception
{
    public MigrationFailedException(MigrationFailure failure, Exception? innerException = null)
        : base($"{failure.SqlState}: {failure.Message}", innerException) => Failure = failure;

    public MigrationFailure Failure { get; }
}

/// <summary>What became of one migration given to <see cref="IMigrationDatabase.ApplyAsync"/>.</summary>
/// <param name="Duration">How long it ran, when applied.</param>
/// <param name="Failure">Why it failed, when it did.</param>
public sealed record ApplyResult(ApplyOutcome Outcome, TimeSpan Duration = default, MigrationFailedException? Failure = null)
{
    public static readonly ApplyResult NotAttempted = new(ApplyOutcome.NotAttempted);

    public static ApplyResult Applied(TimeSpan duration) => new(ApplyOutcome.Applied, duration);

    public static ApplyResult Failed(MigrationFailedException failure) => new(ApplyOutcome.Failed, Failure: failure);
}

public enum ApplyOutcome
{
    Applied,
    Failed,

    /// <summary>After a failure: never sent, or skipped by the server; nothing of it ran.</summary>
    NotAttempted,
}
