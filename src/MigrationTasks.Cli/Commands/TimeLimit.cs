using System.Globalization;
using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;

namespace MigrationTasks.Cli.Commands;

/// <summary>
/// The range every timeout and delay setting accepts. 0 means "no limit", as documented and as
/// PostgreSQL's own lock_timeout reads it; the top is what .NET timers and PostgreSQL's millisecond
/// settings can hold (int milliseconds, about 24.8 days), less a margin for the run's grace period.
/// </summary>
internal static class TimeLimit
{
    public static readonly TimeSpan Max = TimeSpan.FromDays(24);

    /// <summary>What the database layer is given for "no limit": a span no clock reaches.</summary>
    public static readonly TimeSpan Unlimited = TimeSpan.MaxValue;

    public static readonly string Range = string.Create(CultureInfo.InvariantCulture,
        $"0 (no limit) or a duration up to {(long)Max.TotalSeconds} seconds (24 days)");

    /// <summary><paramref name="value"/> if in range, else a usage error from <paramref name="error"/>.</summary>
    public static TimeSpan Check(TimeSpan value, Func<string, MigrationRunException> error) =>
        value >= TimeSpan.Zero && value <= Max ? value : throw error($"must be {Range}");

    /// <summary>For a flag or variable: MT4002 naming it and its value.</summary>
    public static Func<string, MigrationRunException> OptionError(string name, string value) =>
        problem => new MigrationRunException(RunOutcome.InvalidSetting, Diagnostic.Error(DiagnosticCodes.InvalidOption, $"{name}={value} is out of range: it {problem}"));

    /// <summary>The limit for the database layer: 0 becomes <see cref="Unlimited"/>.</summary>
    public static TimeSpan ForDatabase(TimeSpan value) => value == TimeSpan.Zero ? Unlimited : value;
}
