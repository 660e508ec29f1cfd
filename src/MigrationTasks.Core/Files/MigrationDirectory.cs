using MigrationTasks.Diagnostics;

namespace MigrationTasks.Files;

/// <summary>
/// Discovers the migrations of a folder. Every <c>.sql</c> file must be a well-named migration:
/// a misnamed one is an error, never silently skipped, because a skipped migration is a schema
/// change that never reaches production. Other files (README, migrations.sum) are left alone.
/// </summary>
public static class MigrationDirectory
{
    public static MigrationSet Load(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return new MigrationSet([], [Diagnostic.Error(DiagnosticCodes.DirectoryNotFound,
                $"the migrations folder '{directory}' does not exist; create it or point --dir at the folder that holds the .sql files")]);
        }

        var files = Directory.EnumerateFiles(directory)
            .Select(path => (Path: path, Bytes: (ReadOnlyMemory<byte>)File.ReadAllBytes(path)));
        return LoadFiles(files.Where(f => MigrationFileName.LooksLikeMigration(System.IO.Path.GetFileName(f.Path))).ToList());
    }

    /// <summary>Builds the set from files already read (a folder, an MSBuild item group or a bundle).</summary>
    public static MigrationSet LoadFiles(IReadOnlyList<(string Path, ReadOnlyMemory<byte> Bytes)> files)
    {
        var diagnostics = new List<Diagnostic>();
        var ups = new SortedDictionary<MigrationVersion, (MigrationFileName Name, MigrationScript? Script)>();
        var downs = new Dictionary<MigrationVersion, (MigrationFileName Name, MigrationScript? Script)>();
        var upPaths = new Dictionary<MigrationVersion, string>();
        var downPaths = new Dictionary<MigrationVersion, string>();

        foreach (var (path, bytes) in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            var fileName = System.IO.Path.GetFileName(path);
            if (!MigrationFileName.TryParse(fileName, out var name, out var problem))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidFileName,
                    $"'{fileName}' looks like a migration but its name is not valid: {problem}. Rename it to <version>_<name>.sql, or move it out of the migrations folder",
                    path));
                continue;
            }

            var isUp = name!.Direction == MigrationDirection.Up;
            var paths = isUp ? upPaths : downPaths;
            if (paths.TryGetValue(name.Version, out var other))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.DuplicateVersion,
                    $"version {name.VersionText} is used by both '{System.IO.Path.GetFileName(other)}' and '{fileName}'; give one of them a new version",
                    path));
                continue;
            }

            paths[name.Version] = path;
            var script = ScriptReader.Read(path, bytes.Span, diagnostics);
            if (isUp)
            {
                ups[name.Version] = (name, script);
            }
            else
            {
                downs[name.Version] = (name, script);
            }
        }

        foreach (var (version, down) in downs)
        {
            if (!ups.ContainsKey(version))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.DownWithoutUp,
                    $"'{System.IO.Path.GetFileName(down.Script?.Path ?? downPaths[version])}' has no up migration with version {down.Name.VersionText}; add the up file or remove the down file",
                    downPaths[version]));
            }
        }

        var migrations = new List<Migration>(ups.Count);
        foreach (var (version, up) in ups)
        {
            if (up.Script is null)
            {
                continue;
            }

            downs.TryGetValue(version, out var down);
            migrations.Add(new Migration(version, up.Name.VersionText, up.Name.Name, up.Script, down.Script));
        }

        return new MigrationSet(migrations, diagnostics);
    }
}
