using MigrationTasks.Execution;

namespace MigrationTasks.Postgres.Execution;

/// <summary>
/// A pipelined batch stopped at a failing migration: the first <see cref="Applied"/> migrations were
/// committed (their execution times in <see cref="Durations"/>), the failing one rolled back. It never
/// leaves the provider: <see cref="MigrationRuns"/> turns it into one result per migration.
/// </summary>
internal sealed class PartiallyAppliedException(int applied, IReadOnlyList<TimeSpan> durations, MigrationFailedException failure)
    : Exception(failure.Message, failure)
{
    public int Applied { get; } = applied;

    public IReadOnlyList<TimeSpan> Durations { get; } = durations;

    public MigrationFailedException Failure { get; } = failure;
}
