using MigrationTasks.Diagnostics;

namespace MigrationTasks.Directives;

/// <summary>
/// Reads the <c>-- migrate:</c> comments that lead a migration file. Directives change how a
/// migration runs, so a misspelt one is an error rather than a comment silently ignored.
/// </summary>
public static class DirectiveParser
{
    private const string Marker = "migrate:";

    public static readonly IReadOnlyList<string> Known =
        ["no-transaction", "lock-timeout", "statement-timeout", "allow-out-of-order", "allow"];

    /// <summary>
    /// Parses directives from the leading comment lines of <paramref name="text"/>, which ends at
    /// <paramref name="firstStatementOffset"/> (the whole text when the file has no statement).
    /// </summary>
    /// <param name="toolNames">Names after <c>migrate:</c> that are another tool's markers (dbmate's up and down), not directives.</param>
    public static MigrationDirectives Parse(string text, int firstStatementOffset, string file, List<Diagnostic> diagnostics, IReadOnlySet<string>? toolNames = null)
    {
        var directives = MigrationDirectives.None;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var waivers = new List<LintWaiver>();
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

            if (name != "allow" && !seen.Add(name))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.DuplicateDirective,
                    $"the directive '{name}' is given twice; keep one", file, lineNumber, directiveColumn));
                continue;
            }

            directives = Apply(directives, name, argument, waivers, file, lineNumber, directiveColumn, diagnostics);
        }

        return waivers.Count == 0 ? directives : directives with { Waivers = waivers };
    }

    private static MigrationDirectives Apply(
        MigrationDirectives directives, string name, string argument, List<LintWaiver> waivers,
        string file, int line, int column, List<Diagnostic> diagnostics)
    {
        void Invalid(string message) =>
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidDirectiveArgument, message, file, line, column));

        switch (name)
        {
            case "no-transaction" or "allow-out-of-order" when argument.Length > 0:
                Invalid($"the directive '{name}' takes no argument; remove '{argument}'");
                return directives;
            case "no-transaction":
                return directives with { NoTransaction = true };
            case "allow-out-of-order":
                return directives with { AllowOutOfOrder = true };
            case "lock-timeout" or "statement-timeout":
                if (!DurationText.TryParse(argument, out var duration))
                {
                    Invalid($"'{name}' needs a duration such as 5s, 500ms, 2min or 0 (no limit), not '{argument}'");
                    return directives;
                }

                return name == "lock-timeout"
                    ? directives with { LockTimeout = duration }
                    : directives with { StatementTimeout = duration };
            case "allow":
                var parts = argument.Split([' ', '\t'], 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (parts.Length < 2)
                {
                    Invalid("'allow' needs a rule and a reason, such as: -- migrate:allow drop-column the column was unused since v3");
                    return directives;
                }

                waivers.Add(new LintWaiver(parts[0], parts[1], line));
                return directives;
            default:
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.UnknownDirective,
                    $"unknown directive '{name}'; known directives are: {string.Join(", ", Known)}", file, line, column));
                return directives;
        }
    }
}
