using System.Text.RegularExpressions;

namespace MigrationTasks.Layouts;

/// <summary>
/// Splits a file that holds both directions (dbmate's <c>-- migrate:up</c> / <c>-- migrate:down</c>,
/// node-pg-migrate's <c>-- Up Migration</c> / <c>-- Down Migration</c>) into its two parts. Each part
/// starts at its marker line and ends where the other begins; the lines of the file before it are kept
/// as empty lines, so an up section that opens the file is exactly the file's first lines, and editing
/// the down section never changes the up part's checksum.
/// </summary>
public static class SectionedFile
{
    /// <param name="statementsBeforeUp">
    /// Whether text before the up marker is allowed. It never runs; dbmate refuses a file with a statement
    /// there (statementsPrecedeMigrateBlocks), node-pg-migrate drops it as we do.
    /// </param>
    /// <returns>The parts, or a problem (no up marker, a marker given twice, a statement or the down section before the up marker) and its line (0 for the file).</returns>
    public static (ScriptPart? Up, ScriptPart? Down, string? Problem, int ProblemLine) Split(string path, string text, Regex marker, string markerExample, bool statementsBeforeUp = true)
    {
        int? up = null, down = null;
        foreach (Match match in marker.Matches(text))
        {
            var isUp = string.Equals(match.Groups["direction"].Value, "up", StringComparison.OrdinalIgnoreCase);
            if ((isUp ? up : down) is not null)
            {
                return (null, null, $"it has two {(isUp ? "up" : "down")} markers; keep one '{markerExample}' section per direction", 0);
            }

            if (isUp)
            {
                up = match.Index;
            }
            else
            {
                down = match.Index;
            }
        }

        if (up is not { } upStart)
        {
            return (null, null, $"it has no '{markerExample}' line, so nothing marks what runs on the way up", 0);
        }

        if (!statementsBeforeUp && down is { } early && early < upStart)
        {
            var downLine = text.AsSpan(0, early).Count('\n') + 1;
            return (null, null, $"its down marker (line {downLine}) comes before '{markerExample}', and the tool requires the up section first; move the down section after it", downLine);
        }

        if (!statementsBeforeUp && StatementLineBefore(text, upStart) is { } line)
        {
            return (null, null, $"line {line} is a statement before '{markerExample}', which would never run (the tool refuses such a file); move it into the up section", line);
        }

        var upEnd = down is { } d && d > upStart ? d : text.Length;
        var upPart = new ScriptPart(path, Part(text, upStart, upEnd), IsDown: false);
        if (down is not { } downStart)
        {
            return (upPart, null, null, 0);
        }

        var downEnd = upStart > downStart ? upStart : text.Length;
        // An empty down section is a down that does nothing, as it is for the tool itself.
        return (upPart, new ScriptPart(path, Part(text, downStart, downEnd), IsDown: true), null, 0);
    }

    // dbmate's rule: every line before the up marker must be empty or a '--' comment. Returns the first other line (1-based).
    private static int? StatementLineBefore(string text, int index)
    {
        var lines = text[..index].Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length > 0 && !line.StartsWith("--", StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        return null;
    }

    private static string Part(string text, int start, int end)
    {
        var linesBefore = text.AsSpan(0, start).Count('\n');
        return new string('\n', linesBefore) + text[start..end];
    }
}
