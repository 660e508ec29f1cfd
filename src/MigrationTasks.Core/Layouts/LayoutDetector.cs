using System.Text;
using MigrationTasks.Configuration;
using MigrationTasks.Diagnostics;

namespace MigrationTasks.Layouts;

/// <summary>
/// Tells which tool's layout a folder is in, from its file names and, where names do not tell
/// (dbmate, node-pg-migrate and ours all write <c>&lt;digits&gt;_&lt;name&gt;.sql</c>), the markers in
/// the first such file. A folder that mixes two styles is an error naming one file of each:
/// guessing would run some of the migrations by the wrong rules.
/// </summary>
public static class LayoutDetector
{
    /// <summary>drizzle-kit's journal, relative to the migrations folder; its presence makes the folder a Drizzle one.</summary>
    public static readonly string DrizzleJournal = Path.Combine("meta", "_journal.json");

    /// <param name="paths">The folder's .sql files, sorted.</param>
    /// <param name="read">Reads a file's bytes (only the first plain-numbered file is read).</param>
    /// <param name="hasDrizzleJournal">Whether meta/_journal.json is next to the files.</param>
    /// <returns>The layout, or null with an error in <paramref name="diagnostics"/>.</returns>
    public static MigrationLayout? Detect(IReadOnlyList<string> paths, Func<string, ReadOnlyMemory<byte>> read, bool hasDrizzleJournal, List<Diagnostic> diagnostics)
    {
        if (hasDrizzleJournal)
        {
            return MigrationLayout.Drizzle;
        }

        string? flyway = null, golang = null, numbered = null;
        foreach (var path in paths)
        {
            var name = Path.GetFileName(path);
            if (FlywayFileName.LooksLikeFlyway(name))
            {
                flyway ??= path;
            }
            else if (name.EndsWith(".up.sql", StringComparison.Ordinal) || name.EndsWith(".down.sql", StringComparison.Ordinal))
            {
                golang ??= path;
            }
            else if (name.Length > 0 && char.IsAsciiDigit(name[0]))
            {
                numbered ??= path;
            }
        }

        var numberedText = numbered is null ? null : Peek(read, numbered);
        if (numberedText is not null && LayoutText.GooseUpAnnotation().Match(numberedText) is { Success: true } goose)
        {
            diagnostics.Add(Goose(numbered!, numberedText.AsSpan(0, goose.Index).Count('\n') + 1));
            return null;
        }

        var numberedLayout = numberedText is null ? (MigrationLayout?)null : ByMarkers(numberedText);
        var found = new List<(MigrationLayout Layout, string Example)>();
        if (flyway is not null)
        {
            found.Add((MigrationLayout.Flyway, flyway));
        }

        if (golang is not null)
        {
            found.Add((MigrationLayout.GolangMigrate, golang));
        }

        // Our layout and golang-migrate's spelling of it mix freely, as they always have.
        if (numberedLayout is { } layout && !(layout == MigrationLayout.MigrationTasks && golang is not null))
        {
            found.Add((layout, numbered!));
        }

        if (found.Count > 1)
        {
            diagnostics.Add(Mixed(found[0].Layout, found[0].Example, found[1].Layout, found[1].Example));
            return null;
        }

        return found.Count == 1 ? found[0].Layout : MigrationLayout.MigrationTasks;
    }

    /// <summary>The layout a plain-numbered file's markers say it is in.</summary>
    public static MigrationLayout ByMarkers(string text) =>
        LayoutText.DbmateMarker().IsMatch(text) ? MigrationLayout.Dbmate
        : LayoutText.NodePgMigrateMarker().IsMatch(text) ? MigrationLayout.NodePgMigrate
        : MigrationLayout.MigrationTasks;

    public static Diagnostic Mixed(MigrationLayout first, string firstExample, MigrationLayout second, string secondExample) =>
        Diagnostic.Error(DiagnosticCodes.MixedLayouts,
            $"the folder mixes two layouts: '{Path.GetFileName(firstExample)}' is {MigrationLayouts.NameOf(first)}, '{Path.GetFileName(secondExample)}' is {MigrationLayouts.NameOf(second)}; " +
            $"keep one tool's layout per folder (move the others out), or force one with the {SettingNames.Layout} setting",
            secondExample) with { Setting = SettingNames.Layout };

    // goose is not a layout we read: read as ours, a file's Down section would run right after its Up section.
    private static Diagnostic Goose(string path, int line) =>
        Diagnostic.Error(DiagnosticCodes.InvalidLayoutFile,
            $"'{Path.GetFileName(path)}' is a goose migration ('-- +goose Up'), a layout MigrationTasks does not read: as a plain migration its Down section would run on the way up. " +
            "Keep running this folder with goose, or split each file into <version>_<name>.up.sql and <version>_<name>.down.sql (golang-migrate's spelling, which MigrationTasks reads)",
            path, line) with { Setting = SettingNames.Layout };

    // The markers sit at the top of a file; a lenient decode is enough to find them (the file is read strictly later).
    private static string Peek(Func<string, ReadOnlyMemory<byte>> read, string path)
    {
        try
        {
            var bytes = read(path).Span;
            return Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, 64 * 1024)]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
