using System.Text;
using MigrationTasks.Checksums;
using MigrationTasks.Files;
using MigrationTasks.Layouts;

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
    /// <summary>
    /// Where the up part came from, relative to the repository that built the bundle (with '/'); null when
    /// unknown. Annotations of a deploy job point at it, so a failure shows on the file a developer edits.
    /// Not part of the root hash: moving a project does not change what the bundle applies.
    /// </summary>
    public string? Source { get; init; }

    /// <summary>Where the down part came from, as <see cref="Source"/>.</summary>
    public string? DownSource { get; init; }

    /// <summary>The entry without where its parts came from: what the files themselves can confirm.</summary>
    public BundleEntry WithoutSources => this with { Source = null, DownSource = null };

    public static BundleEntry For(Migration migration) => For(migration, sourceRoot: null);

    /// <param name="sourceRoot">The repository root the parts' <see cref="Source"/> paths are relative to; null to leave them out.</param>
    public static BundleEntry For(Migration migration, string? sourceRoot)
    {
        var directives = migration.Up.Directives;
        return new BundleEntry(
            migration.VersionText,
            migration.Name,
            FileName(migration, migration.Up),
            migration.Checksum,
            migration.Down is { } down ? FileName(migration, down) : null,
            migration.Down?.Checksum,
            new BundleDirectives(
                directives.IsTransactional,
                (long?)directives.LockTimeout?.TotalMilliseconds,
                (long?)directives.StatementTimeout?.TotalMilliseconds,
                directives.AllowOutOfOrder))
        {
            Source = SourceOf(migration.Up, sourceRoot),
            DownSource = migration.Down is { } downScript ? SourceOf(downScript, sourceRoot) : null,
        };
    }

    private static string? SourceOf(MigrationScript script, string? sourceRoot)
    {
        if (sourceRoot is null || !Path.IsPathFullyQualified(script.Path))
        {
            return null;
        }

        var relative = Path.GetRelativePath(sourceRoot, script.Path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? null : relative.Replace('\\', '/');
    }

    /// <summary>
    /// The part's file name in the bundle: the file's own in our layout; for another tool's layout, where
    /// one file may hold both directions, <c>&lt;version&gt;_&lt;name&gt;.sql</c> and <c>.down.sql</c>
    /// holding each part's text (<c>R__&lt;name&gt;.sql</c> for a repeatable one).
    /// </summary>
    private static string FileName(Migration migration, MigrationScript script) =>
        migration.Layout.IsNative() ? Path.GetFileName(script.Path)
        : migration.Repeatable ? $"R__{migration.Name}.sql"
        : $"{migration.VersionText}_{migration.Name}{(script.IsDown ? ".down" : "")}.sql";
}

/// <summary>
/// manifest.json of a bundle: format version, tool version, the migrations in version order and a
/// root hash over every file name and checksum. The runner checks all of it before connecting.
/// </summary>
public sealed record BundleManifest(int FormatVersion, string ToolVersion, IReadOnlyList<BundleEntry> Migrations, string RootHash)
{
    public const string FileName = "manifest.json";
    public const int CurrentFormatVersion = 1;

    /// <summary>
    /// The layout the migrations were written in, when another tool's: the runner reads each part with
    /// that tool's markers (dbmate's transaction:false, Drizzle's breakpoints). Ours is not written, so
    /// bundles of our layout stay byte-identical to what earlier versions built.
    /// </summary>
    public MigrationLayout Layout { get; init; } = MigrationLayout.MigrationTasks;

    /// <param name="sourceRoot">The repository root each entry's source path is written relative to; null to write none.</param>
    public static BundleManifest For(IEnumerable<Migration> migrations, string toolVersion, string? sourceRoot = null)
    {
        var list = migrations.ToList();
        var layout = list.Count > 0 && !list[0].Layout.IsNative() ? list[0].Layout : MigrationLayout.MigrationTasks;
        var entries = list.Select(m => BundleEntry.For(m, sourceRoot)).ToList();
        return new BundleManifest(CurrentFormatVersion, toolVersion, entries, ComputeRootHash(CurrentFormatVersion, entries, layout)) { Layout = layout };
    }

    /// <summary>
    /// SHA-256 over "migrations bundle v&lt;format&gt;\n" and one "&lt;version&gt; &lt;file&gt; &lt;checksum&gt;\n" line per
    /// file (up, then down) in version order: it names exactly this set of migrations, and is what the
    /// history table records as the bundle a migration came from.
    /// </summary>
    /// <remarks>Another tool's layout adds a line "layout &lt;name&gt;\n" after the first: it decides how the files run.</remarks>
    public static string ComputeRootHash(int formatVersion, IEnumerable<BundleEntry> entries, MigrationLayout layout = MigrationLayout.MigrationTasks)
    {
        var text = new StringBuilder().Append("migrations bundle v").Append(formatVersion).Append('\n');
        if (!layout.IsNative())
        {
            text.Append("layout ").Append(MigrationLayouts.NameOf(layout)).Append('\n');
        }

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
