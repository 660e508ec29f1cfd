using System.Globalization;
using System.Text;
using MigrationTasks.Checksums;
using MigrationTasks.Diagnostics;
using MigrationTasks.Files;

namespace MigrationTasks.Sums;

/// <summary>One recorded migration: a line <c>&lt;version&gt; &lt;file name&gt; sha256:&lt;hex&gt;</c> of migrations.sum.</summary>
public sealed record SumEntry(MigrationVersion Version, string VersionText, string FileName, string Checksum, int Line)
{
    public string ToLine() => $"{VersionText} {FileName} {Checksum}";
}

/// <summary>
/// The migrations.sum file, committed next to the migrations:
/// <code>
/// migrations.sum v1
/// 0001 0001_create_users.sql sha256:…
/// 0002 0002_add_email.sql sha256:…
/// total sha256:…
/// </code>
/// A header with the format version, one line per migration in version order, and a total: the
/// SHA-256 of every line before it (LF-terminated UTF-8). Any edit, deletion or reorder of a line
/// breaks the total, and two branches that each append a migration conflict on the total line in
/// git, so a careless merge is caught at build time.
/// </summary>
public static class MigrationsSum
{
    public const string FileName = "migrations.sum";
    public const int FormatVersion = 1;

    private const string HeaderPrefix = "migrations.sum v";
    private const string TotalPrefix = "total ";
    private static readonly string[] ConflictMarkers = ["<<<<<<<", "=======", ">>>>>>>", "|||||||"];

    public static string Format(IEnumerable<SumEntry> entries)
    {
        var text = new StringBuilder();
        text.Append(HeaderPrefix).Append(FormatVersion.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var entry in entries)
        {
            text.Append(entry.ToLine()).Append('\n');
        }

        var total = Checksum.Of(text.ToString());
        return text.Append(TotalPrefix).Append(total).Append('\n').ToString();
    }

    public static SumEntry EntryFor(Migration migration, int line = 0) =>
        new(migration.Version, migration.VersionText, Path.GetFileName(migration.Path), migration.Checksum, line);

    // Our names carry the version; another tool's may not (a Drizzle tag, a Flyway V1_1__ name): the files are compared later.
    private static bool FileNameMatches(string fileName, MigrationVersion version) =>
        MigrationFileName.TryParse(fileName, out var name, out _)
            ? name!.Version == version
            : fileName.EndsWith(".sql", StringComparison.Ordinal) && !fileName.Contains('/', StringComparison.Ordinal);

    /// <summary>The recorded entries, or null (with diagnostics) when the file cannot be trusted.</summary>
    public static IReadOnlyList<SumEntry>? Parse(ReadOnlySpan<byte> bytes, string path, List<Diagnostic> diagnostics)
    {
        string text;
        try
        {
            text = MigrationText.Normalize(MigrationText.Decode(bytes));
        }
        catch (InvalidMigrationEncodingException e)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.SumInvalid, $"{FileName} {e.Message}", path, e.Line, e.Column));
            return null;
        }

        var lines = Lines(text);
        // The total is of the lines as read, so that editor whitespace reads the same as CRLF does.
        text = string.Concat(lines.Select(l => l + "\n"));
        var errorsBefore = diagnostics.Count;
        var conflict = Array.FindIndex(lines, l => ConflictMarkers.Any(m => l.StartsWith(m, StringComparison.Ordinal)));
        if (conflict >= 0)
        {
            diagnostics.Add(Conflict(path, conflict + 1, "it holds a git merge conflict"));
            return null;
        }

        if (!ReadHeader(lines[0], path, diagnostics))
        {
            return null;
        }

        var entries = new List<SumEntry>();
        var totalLine = 0;
        for (var i = 1; i < lines.Length && diagnostics.Count == errorsBefore; i++)
        {
            if (totalLine > 0)
            {
                diagnostics.Add(Conflict(path, i + 1, $"lines follow the total on line {totalLine}, as when a merge keeps both branches' additions"));
            }
            else if (lines[i].StartsWith(TotalPrefix, StringComparison.Ordinal))
            {
                totalLine = i + 1;
            }
            else if (ReadEntry(lines[i], i + 1, path, diagnostics) is { } entry)
            {
                CheckOrder(entries, entry, path, diagnostics);
                entries.Add(entry);
            }
        }

        if (diagnostics.Count == errorsBefore)
        {
            CheckTotal(text, lines, totalLine, path, diagnostics);
        }

        return diagnostics.Count == errorsBefore ? entries : null;
    }

    // Trailing blanks and blank lines at the end are an editor's, never a merge's or a build's: they carry no meaning.
    private static string[] Lines(string text)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd(' ', '\t')).ToList();
        while (lines.Count > 1 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return [.. lines];
    }

    private static bool ReadHeader(string header, string path, List<Diagnostic> diagnostics)
    {
        if (header == HeaderPrefix + FormatVersion.ToString(CultureInfo.InvariantCulture))
        {
            return true;
        }

        var message = header.StartsWith(HeaderPrefix, StringComparison.Ordinal)
            ? $"{FileName} has format '{header[HeaderPrefix.Length..]}', but this version of MigrationTasks reads format {FormatVersion}; update MigrationTasks"
            : $"{FileName} must start with the line '{HeaderPrefix}{FormatVersion}'; restore it from version control or run {NextStep.RewriteSum} to write it anew";
        diagnostics.Add(Diagnostic.Error(DiagnosticCodes.SumInvalid, message, path, 1, 1));
        return false;
    }

    private static SumEntry? ReadEntry(string line, int lineNumber, string path, List<Diagnostic> diagnostics)
    {
        var parts = line.Split(' ');
        if (parts.Length == 3
            && MigrationVersion.TryParseDecimal(parts[0], out var version)
            && FileNameMatches(parts[1], version)
            && parts[2].StartsWith(Checksum.Prefix, StringComparison.Ordinal)
            && parts[2].Length == Checksum.Prefix.Length + (Sha256.HashSizeInBytes * 2))
        {
            return new SumEntry(version, parts[0], parts[1], parts[2], lineNumber);
        }

        diagnostics.Add(Diagnostic.Error(DiagnosticCodes.SumInvalid,
            $"line {lineNumber} of {FileName} is not '<version> <file name> sha256:<hex>'; restore the file from version control, or run {NextStep.RewriteSum} to write it anew from the files",
            path, lineNumber, 1));
        return null;
    }

    private static void CheckOrder(List<SumEntry> entries, SumEntry entry, string path, List<Diagnostic> diagnostics)
    {
        if (entries.Count == 0 || entry.Version > entries[^1].Version)
        {
            return;
        }

        if (entries.Find(e => e.Version == entry.Version) is { } same)
        {
            diagnostics.Add(Conflict(path, entry.Line,
                $"version {entry.VersionText} is recorded on lines {same.Line} and {entry.Line} ('{same.FileName}' and '{entry.FileName}'), as when two branches each add a migration with the same version"));
            return;
        }

        diagnostics.Add(Diagnostic.Error(DiagnosticCodes.SumAltered,
            $"line {entry.Line} of {FileName} records version {entry.VersionText} after version {entries[^1].VersionText}; the lines were reordered. Restore the file from version control",
            path, entry.Line, 1));
    }

    private static void CheckTotal(string text, string[] lines, int totalLine, string path, List<Diagnostic> diagnostics)
    {
        if (totalLine == 0)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.SumInvalid,
                $"{FileName} has no 'total' line; it was cut short. Restore it from version control, or run {NextStep.RewriteSum} to write it anew",
                path, lines.Length, 1));
            return;
        }

        var beforeTotal = lines.Take(totalLine - 1).Sum(l => l.Length + 1);
        var expected = Checksum.Of(text[..beforeTotal]);
        if (lines[totalLine - 1][TotalPrefix.Length..] != expected)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.SumAltered,
                $"the total of {FileName} does not match its lines: the file was edited by hand or merged. Restore it from version control and merge again; to accept the current migration files on purpose, run {NextStep.AcceptSum}",
                path, totalLine, 1));
        }
    }

    private static Diagnostic Conflict(string path, int line, string why) =>
        Diagnostic.Error(DiagnosticCodes.SumConflict,
            $"{FileName} has conflicting changes: {why}. Keep the lines of the branch merged first, give the other branch's new migrations versions above them, and build again to append them (or run {NextStep.RewriteSum} to rewrite the file on purpose)",
            path, line, 1);
}
