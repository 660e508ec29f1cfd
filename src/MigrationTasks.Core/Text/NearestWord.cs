namespace MigrationTasks.Text;

/// <summary>
/// The valid word closest to a mistyped one (<c>stauts</c> -> <c>status</c>, <c>timout</c> -> <c>timeout</c>), so an
/// error can say what was probably meant. Close means an edit distance of at most a third of the word (at least one):
/// far-off words get no guess rather than a wrong one.
/// </summary>
public static class NearestWord
{
    public static string? Among(string typed, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(typed);
        var best = candidates.Distinct(StringComparer.Ordinal)
            .Select(name => (Name: name, Distance: Distance(typed, name)))
            .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Max(1, typed.Length / 3) ? best.Name : null;
    }

    // Optimal string alignment distance: insertions, deletions, substitutions and swaps of two neighbours each cost one.
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
