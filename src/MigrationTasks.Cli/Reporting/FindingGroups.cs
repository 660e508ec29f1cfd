using MigrationTasks.Diagnostics;

namespace MigrationTasks.Cli.Reporting;

/// <summary>
/// Repeated warnings of one rule as one line: a folder of a thousand migrations must not print a thousand identical
/// warnings on every run, or nobody reads the one that matters. Errors are never grouped (each must be fixed where it is).
/// </summary>
internal static class FindingGroups
{
    /// <summary>A rule that fires more often than this is grouped; up to it, each finding keeps its own line.</summary>
    public const int Shown = 3;

    /// <summary>The lines to print, in the order the findings came: each group where its rule first fired.</summary>
    public static IEnumerable<string> Lines(IReadOnlyList<Diagnostic> diagnostics)
    {
        var counts = diagnostics.Where(d => !d.IsError).GroupBy(d => d.Code).ToDictionary(g => g.Key, g => g.ToList());
        var grouped = new HashSet<string>();
        foreach (var diagnostic in diagnostics)
        {
            if (diagnostic.IsError || counts[diagnostic.Code].Count <= Shown)
            {
                yield return diagnostic.ToString();
            }
            else if (grouped.Add(diagnostic.Code))
            {
                yield return Group(counts[diagnostic.Code]);
            }
        }
    }

    private static string Group(List<Diagnostic> findings)
    {
        var first = findings[0];
        var places = findings.Select(d => d.File is null ? null : $"{Path.GetFileName(d.File)}({d.Line},{d.Column})").Where(p => p is not null).Distinct().ToList();
        var where = places.Count == 0 ? "" : $" in {string.Join(", ", places.Take(Shown))}{(places.Count > Shown ? $" and {places.Count - Shown} more" : "")}";
        var grouped = Diagnostic.Warning(first.Code, $"{findings.Count} times{where}; the first: {first.Message} (--verbose lists every one)") with { Setting = first.Setting };
        return grouped.ToString();
    }
}
