using MigrationTasks.Configuration;
using MigrationTasks.Diagnostics;

namespace MigrationTasks.Files;

/// <summary>
/// The two ways a project's migrations go missing without an error: a folder with nothing in it, and a folder whose
/// name differs only in case (<c>Migrations/</c> for <c>migrations/</c>), which Windows and macOS find and Linux, where
/// CI and containers run, does not: the build passes on a laptop and the deployment applies nothing.
/// </summary>
public static class FolderNameCheck
{
    /// <summary>A sibling of <paramref name="directory"/> whose name differs from it only in case, when the exact name is not there.</summary>
    public static string? CaseVariantOf(string directory)
    {
        var full = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        var (parent, name) = (Path.GetDirectoryName(full), Path.GetFileName(full));
        if (parent is null || name.Length == 0 || !Directory.Exists(parent))
        {
            return null;
        }

        var siblings = Directory.EnumerateDirectories(parent).Select(Path.GetFileName).ToList();
        return siblings.Contains(name, StringComparer.Ordinal) ? null
            : siblings.FirstOrDefault(s => string.Equals(s, name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>MT1000: the folder named is a file (a build finds no .sql in it and would otherwise only warn that it is empty).</summary>
    public static Diagnostic IsAFile(string directory, string? file = null) =>
        Diagnostic.Error(DiagnosticCodes.DirectoryNotFound,
            $"'{directory}' is a file, not a folder; point the {SettingNames.Directory} at the folder that holds the .sql files", file) with { Setting = SettingNames.Directory };

    /// <summary>
    /// MT1000 for a file, MT1061 for a folder found only under another case, else MT1060 when <paramref name="found"/> is 0, else nothing.
    /// </summary>
    /// <param name="directory">The folder the migrations are expected in.</param>
    /// <param name="found">How many migration files were found there.</param>
    /// <param name="file">Where the warning points: the project for a build, nothing for the tool.</param>
    public static Diagnostic? Check(string directory, int found, string? file = null)
    {
        if (File.Exists(directory))
        {
            return IsAFile(directory, file);
        }

        if (CaseVariantOf(directory) is { } variant)
        {
            return Diagnostic.Warning(DiagnosticCodes.FolderNameCase,
                $"the migrations folder is expected at '{directory}', but the folder there is named '{variant}': the names differ only in case, which Linux " +
                $"(CI, containers) treats as another folder, so the migrations would not be found there. Rename the folder to '{Path.GetFileName(Path.GetFullPath(directory).TrimEnd('/', '\\'))}' " +
                $"or point the {SettingNames.Directory} at '{variant}'", file) with { Setting = SettingNames.Directory };
        }

        return found > 0 ? null : Diagnostic.Warning(DiagnosticCodes.NoMigrations,
            $"no migrations were found in '{directory}': nothing will be checked or applied. Add one with {NextStep.NewMigration}, " +
            $"or point the {SettingNames.Directory} at the folder that holds the .sql files", file) with { Setting = SettingNames.Directory };
    }
}
