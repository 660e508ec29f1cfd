using MigrationTasks.Checksums;
using MigrationTasks.Configuration;
using MigrationTasks.Diagnostics;
using MigrationTasks.Files;

namespace MigrationTasks.Layouts;

public static partial class ForeignFolder
{
    // drizzle-kit runs the journal's entries in order, each <tag>.sql; the journal, not the file names, decides.
    private static List<ForeignMigration> FindDrizzle(string? directory, IReadOnlyList<string> paths, Func<string, ReadOnlyMemory<byte>> read, List<Diagnostic> diagnostics)
    {
        var found = new List<ForeignMigration>();
        var journalPath = directory is null ? null : Path.Combine(directory, LayoutDetector.DrizzleJournal);
        if (journalPath is null || !File.Exists(journalPath))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidLayoutFile,
                $"a Drizzle folder needs drizzle-kit's {LayoutDetector.DrizzleJournal}, which says which files run in which order; it is missing. Generate it with drizzle-kit, or choose another {SettingNames.Layout}",
                journalPath) with { Setting = SettingNames.Layout });
            return found;
        }

        var (entries, problem) = DrizzleJournal.Read(File.ReadAllBytes(journalPath));
        if (problem is not null)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidLayoutFile, $"{LayoutDetector.DrizzleJournal} cannot be read: {problem}", journalPath));
            return found;
        }

        var byName = paths.ToDictionary(p => Path.GetFileName(p), StringComparer.Ordinal);
        var listed = new HashSet<string>(StringComparer.Ordinal);
        long previous = -1;
        foreach (var entry in entries)
        {
            if (!byName.Remove(entry.Tag + ".sql", out var path))
            {
                // A tag given twice (a bad merge of two journals) names a file that is there: drizzle-kit would run it twice.
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidLayoutFile, listed.Contains(entry.Tag)
                    ? $"{LayoutDetector.DrizzleJournal} lists '{entry.Tag}' twice, so drizzle-kit would run '{entry.Tag}.sql' twice; keep one entry for it"
                    : $"{LayoutDetector.DrizzleJournal} lists '{entry.Tag}' but '{entry.Tag}.sql' is not in the folder; restore the file", journalPath));
                continue;
            }

            listed.Add(entry.Tag);

            if (entry.When <= previous)
            {
                diagnostics.Add(Invalid(path, MigrationLayout.Drizzle,
                    $"its journal time ({entry.When}) is not later than the entry before it ({previous}); the journal's times give the versions, so they must rise"));
                continue;
            }

            previous = entry.When;
            if (Decode(path, read, diagnostics) is { } text)
            {
                var version = MigrationVersion.Parse(entry.When.ToString(System.Globalization.CultureInfo.InvariantCulture));
                found.Add(new ForeignMigration(version, version.Value, entry.Tag, new ScriptPart(path, text, false), null));
            }
        }

        foreach (var path in byName.Values)
        {
            diagnostics.Add(Invalid(path, MigrationLayout.Drizzle, $"it is not in {LayoutDetector.DrizzleJournal}, so drizzle-kit would never run it; add it with drizzle-kit or move it out"));
        }

        return found;
    }

    private static Diagnostic Invalid(string path, MigrationLayout layout, string problem) =>
        Diagnostic.Error(DiagnosticCodes.InvalidLayoutFile,
            $"'{Path.GetFileName(path)}' is not a {MigrationLayouts.NameOf(layout)} migration: {problem}. Fix or move the file, or force another {SettingNames.Layout}", path) with { Setting = SettingNames.Layout };

    private static string? Decode(string path, Func<string, ReadOnlyMemory<byte>> read, List<Diagnostic> diagnostics)
    {
        try
        {
            return MigrationText.Decode(read(path).Span);
        }
        catch (InvalidMigrationEncodingException e)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidEncoding, e.Message, path, e.Line, e.Column));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.FileAccessFailed,
                $"'{Path.GetFileName(path)}' could not be read: {e.Message} Make it readable by the user running migrations, or remove it", path));
        }

        return null;
    }
}
