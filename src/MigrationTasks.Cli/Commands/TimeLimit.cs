using MigrationTasks.Configuration;
using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;

namespace MigrationTasks.Cli.Commands;

/// <summary>
/// The range of <see cref="MigrationsOptions.MaxDuration"/> applied to the timeouts a flag or an
/// environment variable gives (migrations.yaml's are checked by Core when the file is read).
/// </summary>
internal static class TimeLimit
{
    /// <summary>What the database layer is given for "no limit": a span no clock reaches.</summary>
    public static readonly TimeSpan Unlimited = TimeSpan.MaxValue;

    /// <summary><paramref name="value"/> if in range, else a usage error from <paramref name="error"/>.</summary>
    public static TimeSpan Check(TimeSpan value, Func<string, MigrationRunException> error) =>
        MigrationsOptions.InRange(value) ? value : throw error($"must be {MigrationsOptions.DurationRange}");

    /// <summary>For a flag or variable: MT4002 naming it and its value.</summary>
    public static Func<string, MigrationRunException> OptionError(string name, string value) =>
        problem => new MigrationRunException(RunOutcome.InvalidSetting, Diagnostic.Error(DiagnosticCodes.InvalidOption, $"{name}={value} is out of range: it {problem}"));

    /// <summary>The limit for the database layer: 0 becomes <see cref="Unlimited"/>.</summary>
    public static TimeSpan ForDatabase(TimeSpan value) => value == TimeSpan.Zero ? Unlimited : value;
}
