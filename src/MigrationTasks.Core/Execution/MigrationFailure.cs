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
    /// <summary>Indexes the failure left INVALID (a failed CREATE INDEX CONCURRENTLY), schema-qualified.</summary>
    public IReadOnlyList<string> InvalidIndexes { get; init; } = [];

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

/// <summary>
/// A pipelined apply stopped at a failing migration: the first <see cref="Applied"/> migrations were
/// committed (their execution times in <see cref="Durations"/>), the failing one rolled back.
/// </summary>
public sealed class PartiallyAppliedException(int applied, IReadOnlyList<TimeSpan> durations, MigrationFailedException failure)
    : Exception(failure.Message, failure)
{
    public int Applied { get; } = applied;

    public IReadOnlyList<TimeSpan> Durations { get; } = durations;

    public MigrationFailedException Failure { get; } = failure;
}
