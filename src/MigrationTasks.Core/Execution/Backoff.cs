namespace MigrationTasks.Execution;

/// <summary>
/// How long to wait before the next attempt, for every wait of the tool: connecting, re-running a
/// migration that lost a race for a lock, polling for the migration lock. Each use keeps the shape
/// it documents; all draw jitter (so twenty replicas that start together do not retry in step) and
/// all wait on a <see cref="TimeProvider"/>, so tests advance a fake clock instead of sleeping.
/// </summary>
public sealed class Backoff
{
    private readonly Func<TimeSpan, double, TimeSpan> _next;
    private readonly Random _random;
    private TimeSpan _previous = TimeSpan.Zero;

    private Backoff(Func<TimeSpan, double, TimeSpan> next, Random? random) => (_next, _random) = (next, random ?? Random.Shared);

    /// <summary>
    /// A nominal wait that starts at <paramref name="first"/> and grows by <paramref name="growth"/>
    /// up to <paramref name="max"/>, each wait drawn within ± <paramref name="jitter"/> of it
    /// (migration retry: doubling, ± 25 %; lock polling: × 1.5, ± 50 %).
    /// </summary>
    public static Backoff Exponential(TimeSpan first, TimeSpan max, double growth, double jitter, Random? random = null)
    {
        TimeSpan? nominal = null;
        return new Backoff((_, draw) =>
        {
            // A maximum below the first wait caps the first wait too.
            nominal = TimeSpan.FromTicks((long)Math.Min(nominal is { } last ? last.Ticks * growth : first.Ticks, max.Ticks));
            return TimeSpan.FromTicks((long)(nominal.Value.Ticks * (1 - jitter + (2 * jitter * draw))));
        }, random);
    }

    /// <summary>
    /// Decorrelated jitter (connecting): a wait between <paramref name="first"/> and three times the
    /// previous one, capped at <paramref name="max"/>. It grows roughly exponentially yet never collapses to zero.
    /// </summary>
    public static Backoff Decorrelated(TimeSpan first, TimeSpan max, Random? random = null) =>
        new((previous, draw) => After(first, max, previous == TimeSpan.Zero ? first : previous, draw), random);

    /// <summary>The decorrelated wait that follows <paramref name="previous"/> for a given draw in [0, 1].</summary>
    public static TimeSpan After(TimeSpan first, TimeSpan max, TimeSpan previous, double draw)
    {
        var upper = Math.Min(previous.Ticks * 3.0, max.Ticks);
        var ticks = first.Ticks + (draw * (upper - first.Ticks));
        return TimeSpan.FromTicks((long)Math.Clamp(ticks, first.Ticks, max.Ticks));
    }

    /// <summary>The wait before the next attempt.</summary>
    public TimeSpan Next() => _previous = _next(_previous, _random.NextDouble());

}
