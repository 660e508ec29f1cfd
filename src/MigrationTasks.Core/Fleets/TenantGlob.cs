using System.Text.RegularExpressions;

namespace MigrationTasks.Fleets;

/// <summary>
/// The --canary patterns: comma-separated globs over tenant keys, <c>*</c> for any run of characters and
/// <c>?</c> for one; matched whole and case-sensitively, like the keys themselves.
/// </summary>
public sealed class TenantGlob
{
    private readonly string[] _globs;
    private readonly Regex[] _patterns;

    public TenantGlob(string patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        _globs = patterns.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        _patterns = _globs
            .Select(p => new Regex("^" + Regex.Escape(p).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$",
                RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromSeconds(1)))
            .ToArray();
    }

    public static readonly TenantGlob None = new("");

    public bool Matches(string key) => _patterns.Any(p => p.IsMatch(key));

    /// <summary>
    /// The globs that match none of these keys. A canary that matches nothing is most likely a typo, and
    /// running without it would send the release to every tenant at once, which is what it was meant to prevent.
    /// </summary>
    public IReadOnlyList<string> Unmatched(IEnumerable<string> keys)
    {
        var all = keys.ToList();
        return _globs.Where((_, i) => !all.Exists(_patterns[i].IsMatch)).ToList();
    }
}
