using System.Text.RegularExpressions;
using MigrationTasks.Dialects;

namespace MigrationTasks.Layouts;

/// <summary>
/// What another tool's markers mean inside a script's text, read the same way from a folder and from
/// a bundle (which holds each part as its own file): dbmate's <c>-- migrate:up transaction:false</c>
/// line and Drizzle's <c>--&gt; statement-breakpoint</c> separators.
/// </summary>
public static partial class LayoutText
{
    private const string Breakpoint = "--> statement-breakpoint";

    /// <summary>dbmate's section line: <c>-- migrate:up</c> or <c>-- migrate:down</c>, with options after it.</summary>
    [GeneratedRegex(@"^--\s*migrate:(?<direction>up|down)(?=\s|$)(?<options>[^\n]*)$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    public static partial Regex DbmateMarker();

    /// <summary>node-pg-migrate's section comment, matched as its own parser matches it (any case, extra dashes allowed).</summary>
    [GeneratedRegex(@"^\s*--[\s-]*(?<direction>up|down)\s+migration[^\n]*$", RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex NodePgMigrateMarker();

    /// <summary>
    /// goose's up annotation (<c>-- +goose Up</c>, any case, as goose matches <c>^--\s\+goose\s</c>): goose keeps both
    /// directions in one <c>&lt;version&gt;_&lt;name&gt;.sql</c>, a name our layout also takes, so this is what tells them apart.
    /// </summary>
    [GeneratedRegex(@"^--\s*\+goose\s+up\s*$", RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex GooseUpAnnotation();

    /// <summary>The directive names that are the tool's own section markers, not ours, in a script of this layout.</summary>
    public static IReadOnlySet<string> ToolDirectiveNames(MigrationLayout layout) =>
        layout == MigrationLayout.Dbmate ? DbmateNames : EmptyNames;

    private static readonly HashSet<string> DbmateNames = new(StringComparer.Ordinal) { "up", "down" };
    private static readonly HashSet<string> EmptyNames = new(StringComparer.Ordinal);

    /// <summary>Whether the tool's own directive runs the script outside a transaction (dbmate's <c>transaction:false</c>).</summary>
    public static bool ToolSaysNoTransaction(MigrationLayout layout, string text) =>
        layout == MigrationLayout.Dbmate
        && DbmateMarker().Match(text) is { Success: true } marker
        // Split on any white space, as dbmate does (\s+): a CRLF file's marker line ends in '\r'.
        && marker.Groups["options"].Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Contains("transaction:false", StringComparer.Ordinal);

    /// <summary>
    /// The text to split into statements. Drizzle sends each chunk between breakpoints as one query, so
    /// a breakpoint ends a statement even without a ';': each one (as the lexer sees it, a line comment)
    /// becomes a ';' padded to the same length, so offsets, lines and statement texts stay the file's.
    /// </summary>
    public static string ForSplitting(IMigrationDialect dialect, MigrationLayout layout, string text)
    {
        if (layout != MigrationLayout.Drizzle || !text.Contains(Breakpoint, StringComparison.Ordinal))
        {
            return text;
        }

        var chars = text.ToCharArray();
        foreach (var token in dialect.LineComments(text))
        {
            if (text.AsSpan(token.Offset, token.Length).TrimEnd().SequenceEqual(Breakpoint))
            {
                chars[token.Offset] = ';';
                Array.Fill(chars, ' ', token.Offset + 1, Breakpoint.Length - 1);
            }
        }

        return new string(chars);
    }
}
