using System.Text.RegularExpressions;

namespace MigrationTasks.Fleets;

/// <summary>
/// The --canary patterns: comma-separated globs over tenant keys, <c>*</c> for any run of characters and
/// <c>?</c> for one; matched whole and case-sensitively, like the keys themselves.
/// </summary>
public sealed class TenantGlob
{
    private readonly Regex[] _patterns;

    public TenantGlob(string patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        _patterns = patterns.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => new Regex("^" + Regex.Escape(p).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$",
                RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromSeconds(1)))
            .ToArray();
    }

    public static readonly TenantGlob None = new("");

    public bool Matches(string key) => _patterns.Any(p => p.IsMatch(key));
}
