namespace MigrationTasks.Postgres.Resilience;

/// <summary>
/// One failed attempt that will be retried, for progress reporting.
/// </summary>
/// <param name="Attempt">The number of the attempt that failed, from 1.</param>
/// <param name="Exception">Why it failed.</param>
/// <param name="Delay">How long the policy waits before the next attempt.</param>
/// <param name="Elapsed">Time since the first attempt started.</param>
public sealed record RetryAttempt(int Attempt, Exception Exception, TimeSpan Delay, TimeSpan Elapsed);
