namespace MigrationTasks.Execution;

/// <summary>
/// How often a transactional migration that lost a race for a lock is re-run. Only failures that the
/// database has already rolled back completely and that may well pass on a second try qualify, as its
/// dialect decides (<see cref="Dialects.IMigrationDialect.IsRetryable"/>). Nothing else is re-run.
/// </summary>
public sealed record MigrationRetry(int Attempts, TimeSpan InitialDelay, TimeSpan MaxDelay)
{
    public static readonly MigrationRetry Default = new(3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));

    /// <summary>The waits between attempts: doubling from <see cref="InitialDelay"/>, capped, each within ± 25 % so that runners do not collide again in step.</summary>
    public Backoff Backoff(Random? random = null) => Execution.Backoff.Exponential(InitialDelay, MaxDelay, growth: 2, jitter: 0.25, random);
}
