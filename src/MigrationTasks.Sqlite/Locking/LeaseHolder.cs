using System.Diagnostics;

namespace MigrationTasks.Sqlite.Locking;

/// <summary>
/// Who holds the lease: host, process id and that process's start time (so a reused pid is not
/// taken for the dead runner), and a token unique to the run.
/// </summary>
internal sealed record LeaseHolder(string Host, int ProcessId, long StartedTicks, string Token)
{
    public static LeaseHolder Current()
    {
        using var self = Process.GetCurrentProcess();
        return new LeaseHolder(Environment.MachineName, Environment.ProcessId, self.StartTime.ToUniversalTime().Ticks, Guid.NewGuid().ToString("N"));
    }

    /// <summary>
    /// Whether the holder is a process of this machine that no longer runs: its lease is void at once,
    /// rather than when it expires. A holder on another machine (a shared file) is judged by expiry alone.
    /// </summary>
    public bool IsDeadOnThisHost()
    {
        if (!string.Equals(Host, Environment.MachineName, StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(ProcessId);
            // Start times read by two processes can differ by rounding; a reused pid starts far later.
            return Math.Abs(process.StartTime.ToUniversalTime().Ticks - StartedTicks) > TimeSpan.TicksPerSecond;
        }
        catch (ArgumentException)
        {
            return true;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    public override string ToString() => $"process {ProcessId} on {Host}";
}
