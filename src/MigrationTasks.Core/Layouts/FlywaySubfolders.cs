using MigrationTasks.Configuration;
using MigrationTasks.Diagnostics;

namespace MigrationTasks.Layouts;

/// <summary>
/// Flyway, alone among the tools we read, finds migrations in the subfolders of its locations
/// (<c>db/migration/2024/V5__x.sql</c>); we read the folder itself only. A script in a subfolder would
/// then never run, with no word: each one is an error instead, in a folder read as Flyway's, or in a
/// folder with no .sql file of its own whose subfolders hold Flyway names.
/// </summary>
public static class FlywaySubfolders
{
    /// <returns>The layout to read the folder in: Flyway when only its subfolders say so.</returns>
    public static MigrationLayout? Check(
        string directory, IReadOnlyList<string> paths, MigrationLayout? layout, bool detected, Func<IReadOnlyList<string>> nestedSql, List<Diagnostic> diagnostics)
    {
        var onlySubfolders = detected && paths.Count == 0 && layout == MigrationLayout.MigrationTasks;
        if (layout != MigrationLayout.Flyway && !onlySubfolders)
        {
            return layout;
        }

        var nested = nestedSql();
        if (layout != MigrationLayout.Flyway && !nested.Any(p => FlywayFileName.LooksLikeFlyway(Path.GetFileName(p))))
        {
            return layout;
        }

        foreach (var path in nested)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidLayoutFile,
                $"'{Path.GetRelativePath(directory, path)}' is in a subfolder: Flyway finds scripts in subfolders, MigrationTasks reads only the migrations folder itself, so it would never run. " +
                "Move it into the folder (Flyway still finds it there), or point the migrations folder at its subfolder", path) with { Setting = SettingNames.Directory });
        }

        return MigrationLayout.Flyway;
    }

    /// <summary>The .sql files below the folder's own level (hidden and linked folders are not followed).</summary>
    public static IReadOnlyList<string> SqlFilesBelow(string directory)
    {
        try
        {
            var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System | FileAttributes.ReparsePoint };
            var top = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
            return [.. Directory.EnumerateFiles(directory, "*.sql", options)
                .Where(p => !string.Equals(Path.GetDirectoryName(Path.GetFullPath(p)), top, StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
