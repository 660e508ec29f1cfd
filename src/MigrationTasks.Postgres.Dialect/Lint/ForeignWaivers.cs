using MigrationTasks.Directives;
using MigrationTasks.Sql;

namespace MigrationTasks.Lint;

/// <summary>
/// Waivers that users of other linters already wrote, honoured as ours: <c>-- atlas:nolint [checks]</c>
/// and <c>-- squawk-ignore &lt;rules&gt;</c> for the next statement, <c>-- squawk-ignore-file [rules]</c>
/// for the file. Their rule names are mapped to our rules (<see cref="ForeignRuleNames"/>, the table in
/// docs/lint.md); a name with no clear counterpart is ignored, never an error.
/// </summary>
public static class ForeignWaivers
{
    private static readonly (string Directive, WaiverScope Scope)[] Directives =
    [
        ("atlas:nolint", WaiverScope.NextStatement),
        ("squawk-ignore-file", WaiverScope.File),
        ("squawk-ignore", WaiverScope.NextStatement),
    ];

    public static IReadOnlyList<LintWaiver> Read(string text)
    {
        if (!text.Contains("atlas:nolint", StringComparison.Ordinal) && !text.Contains("squawk-ignore", StringComparison.Ordinal))
        {
            return [];
        }

        var waivers = new List<LintWaiver>();
        foreach (var token in SqlLexer.Tokenize(text))
        {
            if (token.Kind != SqlTokenKind.LineComment)
            {
                continue;
            }

            var comment = text.AsSpan(token.Offset + 2, token.Length - 2).Trim().ToString();
            foreach (var (directive, scope) in Directives)
            {
                if (comment == directive || comment.StartsWith(directive + " ", StringComparison.Ordinal))
                {
                    // squawk separates names with commas, atlas with spaces; either may be written.
                    var names = comment[directive.Length..].Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries);
                    var rules = names.Length == 0 ? [LintWaiver.AnyRule] : names.SelectMany(ForeignRuleNames.Map).Distinct(StringComparer.Ordinal);
                    waivers.AddRange(rules.Select(rule => new LintWaiver(rule, $"-- {comment}", token.Line) { Scope = scope, ForeignDirective = directive }));
                    break;
                }
            }
        }

        return waivers;
    }
}
