using MigrationTasks.Configuration;
using MigrationTasks.Diagnostics;

namespace MigrationTasks.Cli.Reporting;

/// <summary>
/// How a CLI user spells the settings the engine's messages name in words: the flag, then where else
/// the value can come from. MSBuild adds its own spelling (properties) in its task base.
/// </summary>
internal static class SettingSpelling
{
    private static readonly Dictionary<string, string> Spellings = new(StringComparer.Ordinal)
    {
        [SettingNames.Directory] = "--dir, or 'directory' in migrations.yaml",
        [SettingNames.Layout] = "--format, or 'format' in migrations.yaml",
        [SettingNames.ConfigFile] = "--config or MIGRATION_CONFIG",
        [SettingNames.TargetVersion] = "--target",
        [SettingNames.BaselineVersion] = "--version",
        [SettingNames.AcceptChecksum] = "--accept-checksum",
        [SettingNames.LockTimeout] = "--lock-timeout, MIGRATION_LOCK_TIMEOUT or 'lock.timeout' in migrations.yaml",
        [SettingNames.ConnectTimeout] = "--timeout, MIGRATION_TIMEOUT or 'timeout' in migrations.yaml",
    };

    public static Diagnostic Apply(Diagnostic diagnostic) => diagnostic.WithSettingSpelled(Spellings);
}
