using MigrationTasks.Configuration;
using MigrationTasks.Diagnostics;
using MigrationTasks.Dialects;
using MigrationTasks.Layouts;

namespace MigrationTasks.Files;

/// <summary>
/// Discovers the migrations of a folder. Every <c>.sql</c> file must be a well-named migration:
/// a misnamed one is an error, never silently skipped, because a skipped migration is a schema
/// change that never reaches production. Other files (README, migrations.sum) are left alone.
/// Reading checks the files and never lints: the safety rules are their own step (<see cref="Lint.LintPass"/>).
/// </summary>
public static class MigrationDirectory
{
    /// <param name="dialect">The SQL the files are written in, which splits them into statements.</param>
    /// <param name="directory">The migrations folder.</param>
    /// <param name="maxParallelism">How many threads may read the files; -1 for one per core.</param>
    /// <param name="layout">The layout to read the folder in (--format); null to detect it.</param>
    /// <param name="cancellationToken">The run's cancellation (signals, the overall timeout), checked while files are read.</param>
    /// <param name="deferChecks">
    /// Read the files of our layout only as far as their checksums, and leave their splitting and checks to
    /// <see cref="MigrationSet.WithChecks"/> once the history tells which are applied (the runner).
    /// </param>
    public static MigrationSet Load(
        IMigrationDialect dialect, string directory, int maxParallelism = -1, MigrationLayout? layout = null, bool deferChecks = false,
        CancellationToken cancellationToken = default)
    {
        if (File.Exists(directory))
        {
            return new MigrationSet([], [FolderNameCheck.IsAFile(directory)]);
        }

        if (!Directory.Exists(directory))
        {
            return new MigrationSet([], [Diagnostic.Error(DiagnosticCodes.DirectoryNotFound,
                $"the migrations folder '{directory}' does not exist{CaseHint(directory)}; create it or point the {SettingNames.Directory} at the folder that holds the .sql files") with { Setting = SettingNames.Directory }]);
        }

        // Every entry named like a migration, folders and pipes included: they are refused by name when read, never skipped.
        List<string> paths;
        try
        {
            paths = Directory.EnumerateFileSystemEntries(directory)
                .Where(path => MigrationFileName.LooksLikeMigration(System.IO.Path.GetFileName(path)))
                .ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new MigrationSet([], [Diagnostic.Error(DiagnosticCodes.FileAccessFailed,
                $"the migrations folder '{directory}' could not be read: {e.Message} Make it readable (and searchable) by the user running migrations", directory)]);
        }

        // One lstat per entry: a plain file (most of them) is then read without another look; a link is checked
        // for where it points and, like anything else, read on the path that checks its kind first.
        var plainSizes = new Dictionary<string, long>(paths.Count, StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (FileKind.PlainFileSize(path) is { } size)
            {
                plainSizes[path] = size;
            }
        }

        var escaping = paths.Where(path => !plainSizes.ContainsKey(path) && LinksOutside(directory, path)).ToList();
        var set = Build(dialect, directory, paths.Except(escaping).ToList(), path => plainSizes.TryGetValue(path, out var size)
            ? RegularFile.ReadPlain(path, size, cancellationToken)
            : RegularFile.ReadAllBytes(path, cancellationToken), maxParallelism, layout, deferChecks, cancellationToken, () => FlywaySubfolders.SqlFilesBelow(directory));
        if (escaping.Count == 0)
        {
            return set;
        }

        var outside = escaping.Select(path => Diagnostic.Error(DiagnosticCodes.OutsideMigrationsFolder,
            $"'{System.IO.Path.GetFileName(path)}' is a symbolic link to '{File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName}', outside the migrations folder; " +
            "copy the file into the folder (a migration is reviewed and recorded with the folder), or remove the link", path));
        // Prepended: each script's findings still follow its own problems.
        var prepended = outside.ToList();
        return new MigrationSet(set.Migrations, [.. prepended, .. set.Diagnostics])
        {
            Scripts = [.. set.Scripts.Select(s => s with { FindingsAt = s.FindingsAt + prepended.Count })],
        };
    }

    // A link may point at a file next to it (a renamed copy), never out of the folder: what it points to
    // is not reviewed, summed and bundled as part of the folder, and could be anything on the machine.
    private static bool LinksOutside(string directory, string path)
    {
        FileSystemInfo? target;
        try
        {
            target = File.ResolveLinkTarget(path, returnFinalTarget: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A link loop or an unreadable link: the read that follows fails the same way and names the file.
            return false;
        }

        if (target is null)
        {
            return false;
        }

        var folder = System.IO.Path.GetFullPath(directory);
        var realFolder = Directory.ResolveLinkTarget(folder, returnFinalTarget: true)?.FullName ?? folder;
        var targetFolder = System.IO.Path.GetDirectoryName(target.FullName);
        return !string.Equals(targetFolder, System.IO.Path.TrimEndingDirectorySeparator(folder), StringComparison.Ordinal)
            && !string.Equals(targetFolder, System.IO.Path.TrimEndingDirectorySeparator(realFolder), StringComparison.Ordinal);
    }

    /// <summary>Builds the set from files already read (an MSBuild item group or a bundle).</summary>
    /// <remarks>A Drizzle journal is looked for in the folder of the first file.</remarks>
    public static MigrationSet LoadFiles(
        IMigrationDialect dialect, IReadOnlyList<(string Path, ReadOnlyMemory<byte> Bytes)> files, MigrationLayout? layout = null)
    {
        var bytesByPath = files.ToDictionary(f => f.Path, f => f.Bytes, StringComparer.Ordinal);
        var directory = files.Count == 0 ? null : System.IO.Path.GetDirectoryName(files[0].Path);
        return Build(dialect, directory, files.Select(f => f.Path).ToList(), path => bytesByPath[path], maxParallelism: -1, layout, deferChecks: false, CancellationToken.None);
    }

    /// <param name="nestedSql">The .sql files in the folder's subfolders, for a Flyway folder; null when the files came without a folder.</param>
    private static MigrationSet Build(
        IMigrationDialect dialect, string? directory, List<string> paths, Func<string, ReadOnlyMemory<byte>> read, int maxParallelism, MigrationLayout? layout,
        bool deferChecks, CancellationToken cancellationToken, Func<IReadOnlyList<string>>? nestedSql = null)
    {
        paths.Sort(StringComparer.Ordinal);
        var detection = new List<Diagnostic>();
        var hasJournal = directory is not null && File.Exists(System.IO.Path.Combine(directory, LayoutDetector.DrizzleJournal));
        var detected = layout is null;
        layout ??= LayoutDetector.Detect(paths, read, hasJournal, detection);
        if (nestedSql is not null && directory is not null)
        {
            layout = FlywaySubfolders.Check(directory, paths, layout, detected, nestedSql, detection);
        }

        if (layout is null)
        {
            return new MigrationSet([], detection);
        }

        return layout.Value.IsNative()
            ? BuildNative(dialect, paths, read, maxParallelism, deferChecks, cancellationToken)
            : ForeignScripts.Read(dialect, layout.Value, ForeignFolder.Find(layout.Value, directory, paths, read, detection), detection, maxParallelism);
    }

    private static MigrationSet BuildNative(
        IMigrationDialect dialect, List<string> paths, Func<string, ReadOnlyMemory<byte>> read, int maxParallelism, bool deferChecks, CancellationToken cancellationToken)
    {
        var names = new MigrationFileName?[paths.Count];
        var diagnostics = new List<Diagnostic>();
        var upPaths = new Dictionary<MigrationVersion, string>();
        var downPaths = new Dictionary<MigrationVersion, string>();
        for (var i = 0; i < paths.Count; i++)
        {
            names[i] = ParseName(paths[i], upPaths, downPaths, diagnostics);
        }

        // Reading, decoding, hashing and lexing are independent per file: spread them over the cores.
        var scripts = new MigrationScript?[paths.Count];
        var fileDiagnostics = new List<Diagnostic>[paths.Count];
        ReaderThreads.For(paths.Count, maxParallelism, i =>
        {
            if (names[i] is not null)
            {
                fileDiagnostics[i] = [];
                ReadOnlyMemory<byte> bytes;
                try
                {
                    bytes = read(paths[i]);
                }
                catch (NotRegularFileException e)
                {
                    fileDiagnostics[i].Add(Diagnostic.Error(DiagnosticCodes.FileAccessFailed,
                        $"'{System.IO.Path.GetFileName(paths[i])}' is {e.Kind}, not a regular file; a migration must be a regular file: replace it with one, or move it out of the migrations folder", paths[i]));
                    return;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // An unreadable file (permissions, a dangling link, a link loop, deleted since the listing) is a broken folder, not a crash: name it.
                    fileDiagnostics[i].Add(Diagnostic.Error(DiagnosticCodes.FileAccessFailed,
                        $"'{System.IO.Path.GetFileName(paths[i])}' could not be read: {e.Message} Make it readable by the user running migrations, or remove it", paths[i]));
                    return;
                }

                scripts[i] = deferChecks
                    ? ScriptReader.ReadDeferred(dialect, paths[i], bytes.Span, fileDiagnostics[i])
                    : ScriptReader.Read(dialect, paths[i], bytes.Span, fileDiagnostics[i]);
            }
        }, cancellationToken);

        var ups = new SortedDictionary<MigrationVersion, (MigrationFileName Name, MigrationScript? Script)>();
        var downs = new Dictionary<MigrationVersion, (MigrationFileName Name, MigrationScript? Script)>();
        var readScripts = new List<ReadScript>();
        for (var i = 0; i < paths.Count; i++)
        {
            if (names[i] is not { } name)
            {
                continue;
            }

            diagnostics.AddRange(fileDiagnostics[i]);
            if (scripts[i] is { } script)
            {
                readScripts.Add(new ReadScript(script, diagnostics.Count));
            }

            if (name.Direction == MigrationDirection.Up)
            {
                ups[name.Version] = (name, scripts[i]);
            }
            else
            {
                downs[name.Version] = (name, scripts[i]);
            }
        }

        foreach (var (version, down) in downs.Where(d => !ups.ContainsKey(d.Key)))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.DownWithoutUp,
                $"'{System.IO.Path.GetFileName(downPaths[version])}' has no up migration with version {down.Name.VersionText}; add the up file or remove the down file",
                downPaths[version]));
        }

        var migrations = new List<Migration>(ups.Count);
        foreach (var (version, up) in ups)
        {
            if (up.Script is not null)
            {
                downs.TryGetValue(version, out var down);
                migrations.Add(new Migration(version, up.Name.VersionText, up.Name.Name, up.Script, down.Script));
            }
        }

        return new MigrationSet(migrations, diagnostics) { Scripts = readScripts };
    }

    // Returns null (with a diagnostic) for a misnamed file or a second file with the same version.
    private static MigrationFileName? ParseName(
        string path, Dictionary<MigrationVersion, string> upPaths, Dictionary<MigrationVersion, string> downPaths, List<Diagnostic> diagnostics)
    {
        var fileName = System.IO.Path.GetFileName(path);
        if (fileName.Contains('\uFFFD', StringComparison.Ordinal))
        {
            // The system decodes a name that is not UTF-8 with U+FFFD, so the file cannot even be opened by that name.
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidFileName,
                $"'{fileName}' looks like a migration but its name is not valid UTF-8 (shown with \uFFFD where the bytes are); rename it to <version>_<name>.sql in ASCII",
                path));
            return null;
        }

        if (!MigrationFileName.TryParse(fileName, out var name, out var problem))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidFileName,
                $"'{fileName}' looks like a migration but its name is not valid: {problem}. Rename it to <version>_<name>.sql, or move it out of the migrations folder",
                path));
            return null;
        }

        var seen = name!.Direction == MigrationDirection.Up ? upPaths : downPaths;
        if (seen.TryGetValue(name.Version, out var other))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.DuplicateVersion,
                $"version {name.VersionText} is used by both '{System.IO.Path.GetFileName(other)}' and '{fileName}'; give one of them a new version",
                path));
            return null;
        }

        seen[name.Version] = path;
        return name;
    }

    // Migrations/ for migrations/: found on Windows and macOS, not on Linux; name the folder that is there.
    private static string CaseHint(string directory) =>
        FolderNameCheck.CaseVariantOf(directory) is { } variant ? $" (a folder named '{variant}' is there: the names differ only in case, which matters on Linux)" : "";
}
