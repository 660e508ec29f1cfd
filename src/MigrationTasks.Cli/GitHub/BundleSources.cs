using MigrationTasks.Bundles;
using MigrationTasks.Files;

namespace MigrationTasks.Cli.GitHub;

/// <summary>
/// Maps a bundle's file back to the file it was built from (manifest.json's <c>source</c>, relative to the
/// repository), so an annotation of a deploy job that applies a bundle shows on the file a developer edits,
/// not on a copy in a publish folder. Files of a folder without a manifest, or of a bundle built outside a
/// repository, keep their own path.
/// </summary>
internal sealed class BundleSources
{
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _byFolder = new(StringComparer.Ordinal);

    public string? SourceOf(string file)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(file));
        if (folder is null)
        {
            return null;
        }

        if (!_byFolder.TryGetValue(folder, out var sources))
        {
            sources = _byFolder[folder] = Read(Path.Combine(folder, BundleManifest.FileName));
        }

        return sources.GetValueOrDefault(Path.GetFileName(file));
    }

    private static Dictionary<string, string> Read(string manifestPath)
    {
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            if (!File.Exists(manifestPath))
            {
                return sources;
            }

            foreach (var entry in ManifestJson.Read(RegularFile.ReadAllBytes(manifestPath)).Migrations)
            {
                Add(sources, entry.File, entry.Source);
                Add(sources, entry.DownFile, entry.DownSource);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidManifestException)
        {
            // A manifest that cannot be read was reported by the bundle check; the annotation keeps the bundle's path.
        }

        return sources;
    }

    private static void Add(Dictionary<string, string> sources, string? file, string? source)
    {
        if (file is not null && source is not null)
        {
            sources[file] = source;
        }
    }
}
