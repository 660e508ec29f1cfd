using System.Globalization;
using MigrationTasks.Diagnostics;
using MigrationTasks.Directives;
using MigrationTasks.Execution;

namespace MigrationTasks.Cli.Commands;

/// <summary>
/// Reads the environment variables the tool honours. Every value is validated: a typo such as
/// MIGRATION_DRY_RUN=ture must stop the run, not silently migrate production.
/// </summary>
internal sealed class EnvironmentSettings(Func<string, string?> getVariable)
{
    public const string DryRun = "MIGRATION_DRY_RUN";
    public const string Disabled = "DISABLE_DB_MIGRATIONS";
    public const string Timeout = "MIGRATION_TIMEOUT";
    public const string LockTimeout = "MIGRATION_LOCK_TIMEOUT";
    public const string Environment = "MIGRATION_ENVIRONMENT";
    public const string Config = "MIGRATION_CONFIG";
    public const string NoBackup = "MIGRATION_NO_BACKUP";

    public string? Get(string name) => getVariable(name) is { Length: > 0 } value ? value : null;

    public bool Flag(string name)
    {
        var value = Get(name);
        return value?.Trim().ToLowerInvariant() switch
        {
            null or "false" or "0" or "no" or "off" => false,
            "true" or "1" or "yes" or "on" => true,
            _ => throw Invalid(name, value, "true or false"),
        };
    }

    /// <summary>A duration: plain seconds (the documented form) or a unit such as 30s or 2min.</summary>
    /// <remarks>Surrounding whitespace is no part of it: a value read from a secret file ends in a newline ("30\n").</remarks>
    public TimeSpan? Duration(string name)
    {
        var value = Get(name)?.Trim();
        if (value is null)
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        // A number too large to read (25d) is past every timeout's range, which SettingLayers then names, rather than misspelt.
        return DurationText.TryParse(value, out var duration) ? duration
            : DurationText.IsTooLarge(value) ? TimeSpan.MaxValue
            : throw Invalid(name, value, "a number of seconds such as 300, or a duration such as 30s or 2min");
    }

    public static MigrationRunException Invalid(string name, string value, string expected) =>
        new(RunOutcome.InvalidSetting, Diagnostic.Error(DiagnosticCodes.InvalidOption, $"{name}='{Diagnostic.Printable(value)}' is not valid; expected {expected}"));
}
