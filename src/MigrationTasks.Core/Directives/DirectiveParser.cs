using MigrationTasks.Diagnostics;

namespace MigrationTasks.Directives;

/// <summary>
/// Reads the <c>-- migrate:</c> comments that lead a migration file. Directives change how a
/// migration runs, so a misspelt one is an error rather than a comment silently ignored. This is the
/// neutral grammar (a name and an argument per line, each name once, other tools' markers skipped); which
/// names exist and what their arguments mean is the dialect's <see cref="DirectiveSet"/>.
/// </summary>
public static class DirectiveParser
{
    private const string Marker = "migrate:";

    /// <summary>
    /// Parses directives from the leading comment lines of <paramref name="text"/>, which ends at
    /// <paramref name="firstStatementOffset"/> (the whole text when the file has no statement).
    /// </summary>
    /// <param name="vocabulary">The directives of the dialect the file is read with.</param>
    /// <param name="toolNames">Names after <c>migrate:</c> that are another tool's markers (dbmate's up and down), not directives.</param>
    public static MigrationDirectives Parse(DirectiveSet vocabulary, string text, int firstStatementOffset, string file, List<Diagnostic> diagnostics, IReadOnlySet<string>? toolNames = null)
    {
        var directives = MigrationDirectives.None;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var line = 0;
        var offset = 0;
        while (offset < firstStatementOffset && offset < text.Length)
        {
            line++;
            // The text is as written: a line ends at LF, CRLF or a lone CR, as the lexer counts lines.
            var end = text.AsSpan(offset).IndexOfAny('\r', '\n') is var found and >= 0 ? offset + found : text.Length;
            var content = text.AsSpan(offset, end - offset).Trim();
            var lineNumber = line;
            var column = offset;
            offset = end < text.Length - 1 && text[end] == '\r' && text[end + 1] == '\n' ? end + 2 : end + 1;
            if (!content.StartsWith("--", StringComparison.Ordinal))
            {
                continue;
            }

            var comment = content[2..].TrimStart();
            if (!comment.StartsWith(Marker, StringComparison.Ordinal))
            {
                continue;
            }

            var directiveColumn = text.AsSpan(column).IndexOf(Marker, StringComparison.Ordinal) + 1;
            var body = comment[Marker.Length..].Trim().ToString();
            var space = body.IndexOfAny([' ', '\t']);
            var name = space < 0 ? body : body[..space];
            var argument = space < 0 ? "" : body[(space + 1)..].Trim();
            if (toolNames?.Contains(name) == true)
            {
                continue;
            }

            if (vocabulary.Find(name) is not { Repeats: true } && !seen.Add(name))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.DuplicateDirective,
                    $"the directive '{name}' is given twice; keep one", file, lineNumber, directiveColumn));
                continue;
            }

            directives = Apply(vocabulary, directives, name, argument, file, lineNumber, directiveColumn, diagnostics);
        }

        return directives;
    }

    private static MigrationDirectives Apply(
        DirectiveSet vocabulary, MigrationDirectives directives, string name, string argument, string file, int line, int column, List<Diagnostic> diagnostics)
    {
        if (vocabulary.Find(name) is not { } directive)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.UnknownDirective,
                $"unknown directive '{name}'; known directives are: {vocabulary.Honoured}", file, line, column));
            return directives;
        }

        var read = directive.Read(directives, argument, line, out var problem);
        if (problem is not null)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidDirectiveArgument, problem, file, line, column));
            return directives;
        }

        // Kept with its place so the lint step can warn at it without reading the comments again.
        return directive.IgnoredWarning is { } warning
            ? read with { Ignored = [.. read.Ignored, new IgnoredDirective(name, line, column, warning)] }
            : read;
    }
}
