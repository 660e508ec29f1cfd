namespace MigrationTasks.Postgres.Tests.Resilience;

/// <summary>
/// A clock for retry tests: every timer fires at once and moves the clock forward by its due
/// time, so waits are instant and elapsed times exact. <see cref="Frozen"/> timers never fire,
/// to test cancellation during a wait.
/// </summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private readonly List<TimeSpan> _timerDueTimes = [];
    private long _ticks;

    public bool Frozen { get; init; }

    public IReadOnlyList<TimeSpan> TimerDueTimes
    {
        get
        {
            lock (_timerDueTimes)
            {
                return [.. _timerDueTimes];
            }
        }
    }

    public TimeSpan Now => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Read(ref _ticks);

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.UnixEpoch + Now;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        lock (_timerDueTimes)
        {
            _timerDueTimes.Add(dueTime);
        }

        var timer = new Timer();
        if (!Frozen && dueTime != Timeout.InfiniteTimeSpan)
        {
            Advance(dueTime);
            // Fire after CreateTimer has returned, as a real timer would.
            ThreadPool.QueueUserWorkItem(_ =>
            {
                if (!timer.IsDisposed)
                {
                    callback(state);
                }
            });
        }

        return timer;
    }

    private sealed class Timer : ITimer
    {
        public bool IsDisposed { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period) => !IsDisposed;

        public void Dispose() => IsDisposed = true;

        public ValueTask DisposeAsync()
        {
            IsDisposed = true;
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>A jitter source that always draws the same value, to make delays exact.</summary>
internal sealed class FixedRandom(double value) : Random
{
    public override double NextDouble() => value;
}
