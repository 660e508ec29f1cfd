using MigrationTasks.Checksums;
using MigrationTasks.Diagnostics;
using MigrationTasks.Dialects;
using MigrationTasks.Files;
using MigrationTasks.Layouts;

namespace MigrationTasks.Bundles;

/// <summary>
/// Reads the migrations of a bundle built from another tool's layout. Its files are already split into
/// parts (<see cref="BundleEntry"/>), so versions and names come from the manifest (whose root hash was
/// checked), and each part is read with the tool's markers exactly as it was read from the folder.
/// </summary>
internal static class ForeignBundle
{
    public static MigrationSet Load(
        IMigrationDialect dialect, BundleManifest manifest, string directory, IReadOnlyList<(string Path, ReadOnlyMemory<byte> Bytes)> files,
        List<Diagnostic> diagnostics)
    {
        var bytes = files.ToDictionary(f => Path.GetFileName(f.Path), f => f.Bytes, StringComparer.Ordinal);
        var found = new List<ForeignMigration>();
        foreach (var entry in manifest.Migrations)
        {
            var repeatable = entry.Version == "R";
            if (!repeatable && !MigrationVersion.TryParseDecimal(entry.Version, out _))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.BundleManifestInvalid,
                    $"{BundleManifest.FileName} gives '{entry.File}' the version '{entry.Version}', which is not a version; publish the bundle again", Path.Combine(directory, BundleManifest.FileName)));
                continue;
            }

            var version = repeatable ? FlywayRepeatable.VersionOf(entry.Name) : MigrationVersion.Parse(entry.Version);
            var down = entry.DownFile is { } downFile ? Part(directory, downFile, bytes, isDown: true) : null;
            // A Flyway .sql.conf is not part of the bundle: its executeInTransaction=false came through the manifest.
            var up = Part(directory, entry.File, bytes, isDown: false) with
            {
                NoTransactionBy = manifest.Layout == MigrationLayout.Flyway && !entry.Directives.Transactional ? $"Flyway {FlywayScriptConfig.NoTransactionSetting}" : null,
            };
            found.Add(new ForeignMigration(version, entry.Version, entry.Name, up, down) { Repeatable = repeatable });
        }

        return ForeignScripts.Read(dialect, manifest.Layout, found, [], maxParallelism: -1);
    }

    // The bytes were checked against their checksum, which is only computed for valid UTF-8.
    private static ScriptPart Part(string directory, string file, Dictionary<string, ReadOnlyMemory<byte>> bytes, bool isDown) =>
        new(Path.Combine(directory, file), MigrationText.Decode(bytes[file].Span), isDown);
}
