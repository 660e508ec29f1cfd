using MigrationTasks.Execution;

namespace MigrationTasks.Postgres.Resilience;

/// <summary>
/// Retries an operation with exponential backoff and decorrelated jitter until an overall
/// deadline. Jitter spreads out twenty replicas that start together, so they do not knock on a
/// rebooting server in lockstep.
/// </summary>
public sealed class RetryPolicy
{
    public static readonly TimeSpan DefaultInitialDelay = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan DefaultMaxDelay = TimeSpan.FromSeconds(5);

    private readonly TimeProvider _timeProvider;
    private readonly Random _random;

    /// <param name="deadline">How long to keep retrying, counted from the first attempt.</param>
    /// <param name="initialDelay">The first and smallest wait; 100 ms when null.</param>
    /// <param name="maxDelay">The largest single wait; 5 s when null.</param>
    /// <param name="timeProvider">The clock and timers; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="random">The jitter source; <see cref="Random.Shared"/> when null.</param>
    public RetryPolicy(TimeSpan deadline, TimeSpan? initialDelay = null, TimeSpan? maxDelay = null, TimeProvider? timeProvider = null, Random? random = null)
    {
        InitialDelay = initialDelay ?? DefaultInitialDelay;
        MaxDelay = maxDelay ?? DefaultMaxDelay;
        ArgumentOutOfRangeException.ThrowIfLessThan(deadline, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(InitialDelay, TimeSpan.Zero, nameof(initialDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDelay, InitialDelay, nameof(maxDelay));
        Deadline = deadline;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _random = random ?? Random.Shared;
    }

    public TimeSpan Deadline { get; }

    public TimeSpan InitialDelay { get; }

    public TimeSpan MaxDelay { get; }

    /// <summary>
    /// Runs <paramref name="action"/> until it succeeds, fails with an error
    /// <paramref name="shouldRetry"/> rejects (thrown at once), or the deadline passes
    /// (<see cref="RetriesExhaustedException"/>). The wait before the last attempt is cut short
    /// so that attempt starts at the deadline; an attempt already running is not interrupted.
    /// </summary>
    /// <exception cref="RetriesExhaustedException">The deadline passed; the last error is the inner exception.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled, also during a wait.</exception>
    public async Task<T> ExecuteAsync<T>(
        Func<CancellationToken, Task<T>> action,
        Func<Exception, bool> shouldRetry,
        Action<RetryAttempt>? onRetry,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(shouldRetry);

        var started = _timeProvider.GetTimestamp();
        var backoff = Backoff.Decorrelated(InitialDelay, MaxDelay, _random);
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return await action(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!IsCancellation(e, cancellationToken) && shouldRetry(e))
            {
                var elapsed = _timeProvider.GetElapsedTime(started);
                var remaining = Deadline - elapsed;
                if (remaining <= TimeSpan.Zero)
                {
                    throw new RetriesExhaustedException(attempt, elapsed, e);
                }

                var next = backoff.Next();
                var delay = next < remaining ? next : remaining;
                onRetry?.Invoke(new RetryAttempt(attempt, e, delay, elapsed));
                await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // Decorrelated jitter (Backoff.Decorrelated): the wait after one of previous length.
    internal TimeSpan NextDelay(TimeSpan previous) => Backoff.After(InitialDelay, MaxDelay, previous, _random.NextDouble());

    private static bool IsCancellation(Exception e, CancellationToken cancellationToken)
        => e is OperationCanceledException && cancellationToken.IsCancellationRequested;
}
