using MigrationTasks.Execution;

namespace MigrationTasks.Cli.Reporting;

/// <summary>
/// Where an up or down run's time went, from its events: connecting (retries included), waiting for another
/// runner's lock, running the migrations, and the rest (reading files, history, audit). A slow deployment
/// then says at once whether the database, a colleague's lock or the migrations were slow.
/// </summary>
internal sealed class RunTimes
{
    private TimeSpan _connect;
    private TimeSpan _lockWait;
    private TimeSpan _work;

    public void Add(RunEvent runEvent)
    {
        switch (runEvent)
        {
            case ConnectedEvent e:
                _connect += e.Took;
                break;
            case LockAcquiredEvent e:
                _lockWait += e.Waited;
                break;
            case MigrationAppliedEvent e:
                _work += e.Duration;
                break;
            case MigrationRevertedEvent e:
                _work += e.Duration;
                break;
        }
    }

    /// <summary><c>connect 12 ms, lock wait 0 ms, apply 80 ms, other 9 ms</c>; <paramref name="work"/> names the migrations' part.</summary>
    public string Split(TimeSpan total, string work)
    {
        var other = total - _connect - _lockWait - _work;
        return $"connect {Ms(_connect)}, lock wait {Ms(_lockWait)}, {work} {Ms(_work)}, other {Ms(other < TimeSpan.Zero ? TimeSpan.Zero : other)}";
    }

    private static string Ms(TimeSpan duration) => $"{duration.TotalMilliseconds:0} ms";
}
