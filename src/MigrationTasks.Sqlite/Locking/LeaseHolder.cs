using System.Globalization;

namespace MigrationTasks.Sqlite.Locking;

/// <summary>
/// Who holds the lease: host, process id and that process's start (so a reused pid is not taken for
/// the dead runner), and a token unique to the run.
/// </summary>
/// <param name="Started">The process's start in clock ticks since boot (field 22 of /proc/&lt;pid&gt;/stat), 0 where there is no /proc.</param>
internal sealed record LeaseHolder(string Host, int ProcessId, long Started, string Token)
{
    public static LeaseHolder Current() =>
        new(Environment.MachineName, Environment.ProcessId, StartOf(Environment.ProcessId) ?? 0, Guid.NewGuid().ToString("N"));

    /// <summary>
    /// Whether the holder is a process of this machine that no longer runs: its lease is void at once,
    /// rather than when it expires. Read from /proc (Linux), as the kernel has it: a process gone, or its
    /// pid now another process's. Without /proc, and for a holder on another machine (a shared file),
    /// only expiry ends a lease.
    /// </summary>
    public bool IsDeadOnThisHost()
    {
        if (!string.Equals(Host, Environment.MachineName, StringComparison.Ordinal) || Started == 0 || !Directory.Exists("/proc/self"))
        {
            return false;
        }

        return StartOf(ProcessId) != Started;
    }

    // The start of a process from /proc/<pid>/stat; null when it does not exist (or cannot be read).
    private static long? StartOf(int processId)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so count from the last ')'.
        // starttime is field 22, the 20th after it. A zombie (killed, not yet reaped) runs no more.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return fields.Length > 19 && fields[0] != "Z" && long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var start) ? start : null;
    }

    public override string ToString() => $"process {ProcessId} on {Host}";
}
