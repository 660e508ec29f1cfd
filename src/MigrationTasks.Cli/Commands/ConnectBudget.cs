using MigrationTasks.Cli.Reporting;

namespace MigrationTasks.Cli.Commands;

/// <summary>
/// How long connecting may retry. A deployment waits out a database that is still starting (the overall timeout,
/// 300 s by default); a person who typed <c>migrations status</c> at a server that is not there wants to know in
/// seconds. So a read-only command on an interactive terminal gets a short budget, unless a timeout was set explicitly.
/// </summary>
internal static class ConnectBudget
{
    public static readonly TimeSpan Short = TimeSpan.FromSeconds(5);

    /// <summary>Commands that only read: retrying a read for minutes helps nobody at a terminal.</summary>
    private static readonly HashSet<string> ReadOnly = ["status", "plan", "config", "lint", "drift", "dump"];

    /// <summary>True when the connect budget is <see cref="Short"/> rather than the overall timeout.</summary>
    public static bool IsShort(string command, Setting<TimeSpan> timeout, Terminal terminal) =>
        terminal.Interactive && ReadOnly.Contains(command) && timeout.Source == EffectiveSettings.DefaultSource;

    public static TimeSpan For(string command, Setting<TimeSpan> timeout, Terminal terminal) =>
        IsShort(command, timeout, terminal) ? Short : TimeLimit.ForDatabase(timeout.Value);
}
