namespace MigrationTasks.Execution;

/// <summary>
/// How often a transactional migration that lost a race for a lock is re-run. Only failures that
/// PostgreSQL has already rolled back completely and that may well pass on a second try qualify:
/// lock_timeout (55P03), deadlock (40P01) and serialization failure (40001). Nothing else is re-run.
/// </summary>
public sealed record MigrationRetry(int Attempts, TimeSpan InitialDelay, TimeSpan MaxDelay)
{
    public static readonly MigrationRetry Default = new(3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));

    private static readonly HashSet<string> RetryableSqlStates = new(StringComparer.Ordinal) { "55P03", "40P01", "40001" };

    public static bool IsRetryable(string sqlState) => RetryableSqlStates.Contains(sqlState);

    /// <summary>The waits between attempts: doubling from <see cref="InitialDelay"/>, capped, each within ± 25 % so that runners do not collide again in step.</summary>
    public Backoff Backoff(Random? random = null) => Execution.Backoff.Exponential(InitialDelay, MaxDelay, growth: 2, jitter: 0.25, random);
}
