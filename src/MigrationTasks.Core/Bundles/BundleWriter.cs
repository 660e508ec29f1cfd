using System.Text;
using MigrationTasks.Files;

namespace MigrationTasks.Bundles;

/// <summary>
/// Writes a bundle: each migration's normalized text (UTF-8, LF, no BOM) and manifest.json. The same
/// migrations give byte-identical files whatever the checkout's line endings, and files that are
/// already identical are left untouched so that their timestamps (and container layers) stay put.
/// </summary>
public static class BundleWriter
{
    private static readonly UTF8Encoding Utf8 = new(false);

    /// <summary>Writes the bundle into <paramref name="directory"/>; returns every file the bundle consists of.</summary>
    public static IReadOnlyList<string> Write(MigrationSet set, string directory, string toolVersion)
    {
        if (set.HasErrors)
        {
            throw new InvalidOperationException("a bundle is only written from migrations without errors");
        }

        Directory.CreateDirectory(directory);
        var files = new List<string>();
        var manifest = BundleManifest.For(set.Migrations, toolVersion, SourceRoot.Of(set));
        // Each part under its entry's name: in another tool's layout one file may hold both directions.
        foreach (var (migration, entry) in set.Migrations.Zip(manifest.Migrations))
        {
            files.Add(WriteIfChanged(Path.Combine(directory, entry.File), Utf8.GetBytes(migration.Up.Text)));
            if (migration.Down is { } down)
            {
                files.Add(WriteIfChanged(Path.Combine(directory, entry.DownFile!), Utf8.GetBytes(down.Text)));
            }
        }

        // A migration removed since the last bundle must not linger: the verifier would call it tampering.
        foreach (var stale in Directory.EnumerateFiles(directory, "*.sql").Except(files, StringComparer.Ordinal).ToList())
        {
            File.Delete(stale);
        }

        files.Add(WriteIfChanged(Path.Combine(directory, BundleManifest.FileName), ManifestJson.Write(manifest)));
        return files;
    }

    private static string WriteIfChanged(string path, byte[] bytes)
    {
        if (!File.Exists(path) || !File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
        {
            File.WriteAllBytes(path, bytes);
        }

        return path;
    }
}
