using System.Text;
using MigrationTasks.Checksums;
using MigrationTasks.Files;

namespace MigrationTasks.Bundles;

/// <summary>How a migration asked to be run, as recorded in the manifest for people and tools reading it.</summary>
public sealed record BundleDirectives(bool Transactional, long? LockTimeoutMs, long? StatementTimeoutMs, bool AllowOutOfOrder);

/// <summary>One migration of a bundle: its files, their checksums and its directives.</summary>
public sealed record BundleEntry(
    string Version,
    string Name,
    string File,
    string Checksum,
    string? DownFile,
    string? DownChecksum,
    BundleDirectives Directives)
{
    public static BundleEntry For(Migration migration)
    {
        var directives = migration.Up.Directives;
        return new BundleEntry(
            migration.VersionText,
            migration.Name,
            Path.GetFileName(migration.Path),
            migration.Checksum,
            migration.Down is { } down ? Path.GetFileName(down.Path) : null,
            migration.Down?.Checksum,
            new BundleDirectives(
                directives.IsTransactional,
                (long?)directives.LockTimeout?.TotalMilliseconds,
                (long?)directives.StatementTimeout?.TotalMilliseconds,
                directives.AllowOutOfOrder));
    }
}

/// <summary>
/// manifest.json of a bundle: format version, tool version, the migrations in version order and a
/// root hash over every file name and checksum. The runner checks all of it before connecting.
/// </summary>
public sealed record BundleManifest(int FormatVersion, string ToolVersion, IReadOnlyList<BundleEntry> Migrations, string RootHash)
{
    public const string FileName = "manifest.json";
    public const int CurrentFormatVersion = 1;

    public static BundleManifest For(IEnumerable<Migration> migrations, string toolVersion)
    {
        var entries = migrations.Select(BundleEntry.For).ToList();
        return new BundleManifest(CurrentFormatVersion, toolVersion, entries, ComputeRootHash(CurrentFormatVersion, entries));
    }

    /// <summary>
    /// SHA-256 over "migrations bundle v&lt;format&gt;\n" and one "&lt;version&gt; &lt;file&gt; &lt;checksum&gt;\n" line per
    /// file (up, then down) in version order: it names exactly this set of migrations, and is what the
    /// history table records as the bundle a migration came from.
    /// </summary>
    public static string ComputeRootHash(int formatVersion, IEnumerable<BundleEntry> entries)
    {
        var text = new StringBuilder().Append("migrations bundle v").Append(formatVersion).Append('\n');
        foreach (var entry in entries)
        {
            text.Append(entry.Version).Append(' ').Append(entry.File).Append(' ').Append(entry.Checksum).Append('\n');
            if (entry.DownFile is not null)
            {
                text.Append(entry.Version).Append(' ').Append(entry.DownFile).Append(' ').Append(entry.DownChecksum).Append('\n');
            }
        }

        return Checksum.Of(text.ToString());
    }
}
