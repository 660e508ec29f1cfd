namespace MigrationTasks.Configuration;

/// <summary>
/// The settings the engine's messages talk about, in words. A message names the setting and carries it
/// in <see cref="Diagnostics.Diagnostic.Setting"/>; each front end adds how its users spell it (a CLI
/// flag, an MSBuild property), so nobody reads another front end's spelling.
/// </summary>
public static class SettingNames
{
    public const string Directory = "migrations folder";
    public const string Layout = "layout";
    public const string ConfigFile = "configuration file";
    public const string TargetVersion = "target version";
    public const string BaselineVersion = "baseline version";
    public const string AcceptChecksum = "accept checksum";
    public const string LockTimeout = "lock timeout";

    /// <summary>How long connecting may take: the CLI's overall timeout, the Migrator's connect timeout.</summary>
    public const string ConnectTimeout = "time to connect";
}
