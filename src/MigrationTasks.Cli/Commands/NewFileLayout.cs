using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;
using MigrationTasks.Layouts;

namespace MigrationTasks.Cli.Commands;

/// <summary>
/// What <c>migrations new</c> writes in a folder of another tool's layout: a file that layout reads
/// (dbmate's and node-pg-migrate's section markers, Flyway's <c>V</c>/<c>U</c> names), since a plain
/// file of ours there makes the whole folder an error (MT1024). Drizzle's journal is drizzle-kit's to write.
/// </summary>
internal static class NewFileLayout
{
    private const string DownTemplate = "-- Undo what the up migration did.\n";

    /// <summary>The folder's layout (forced, or detected from its files); a folder that cannot be read or extended here stops the command.</summary>
    public static MigrationLayout Of(string directory, MigrationLayout? forced, string name)
    {
        var diagnostics = new List<Diagnostic>();
        var paths = Directory.EnumerateFiles(directory, "*.sql").Order(StringComparer.Ordinal).ToList();
        var hasJournal = File.Exists(Path.Combine(directory, LayoutDetector.DrizzleJournal));
        var layout = forced ?? LayoutDetector.Detect(paths, p => File.ReadAllBytes(p), hasJournal, diagnostics)
            ?? throw new MigrationRunException(RunOutcome.InvalidMigrations, diagnostics);
        return layout != MigrationLayout.Drizzle ? layout
            : throw new MigrationRunException(RunOutcome.InvalidSetting, Diagnostic.Error(DiagnosticCodes.InvalidOption,
                $"--dir is a Drizzle folder: its {LayoutDetector.DrizzleJournal} decides what runs, and drizzle-kit writes it. " +
                $"Run 'drizzle-kit generate --custom --name={name}', which writes the file and its journal entry; nothing was written"));
    }

    /// <summary>The whole-number part of each Flyway version in the folder (V and U files), to number the next one above.</summary>
    public static List<string> FlywayMajorVersions(string directory) =>
        [.. Directory.EnumerateFiles(directory, "*.sql")
            .Select(p => FlywayFileName.TryParse(Path.GetFileName(p), out var parsed, out _) ? parsed : null)
            .Where(n => n is { IsRepeatable: false })
            .Select(n => n!.VersionText.Split('.')[0])];

    /// <summary>The files to write, with their text: one comment each, so the build warns (MT1008) until statements are written.</summary>
    public static List<(string Path, string Text)> Files(MigrationLayout layout, string directory, string version, string name, string upSuffix, bool down) => layout switch
    {
        // Both tools keep the down section in the same file; dbmate's and node-pg-migrate's own 'new' write both markers.
        MigrationLayout.Dbmate => [(Path.Combine(directory, $"{version}_{name}.sql"), $"-- migrate:up\n{NewCommand.UpTemplate}\n-- migrate:down\n{DownTemplate}")],
        MigrationLayout.NodePgMigrate => [(Path.Combine(directory, $"{version}_{name}.sql"), $"-- Up Migration\n{NewCommand.UpTemplate}\n-- Down Migration\n{DownTemplate}")],
        MigrationLayout.Flyway => Pair(Path.Combine(directory, $"V{version}__{name}.sql"), down ? Path.Combine(directory, $"U{version}__{name}.sql") : null),
        _ => Pair(Path.Combine(directory, $"{version}_{name}{upSuffix}"), down ? Path.Combine(directory, $"{version}_{name}.down.sql") : null),
    };

    private static List<(string Path, string Text)> Pair(string up, string? down) =>
        down is null ? [(up, NewCommand.UpTemplate)] : [(up, NewCommand.UpTemplate), (down, DownTemplate)];
}
