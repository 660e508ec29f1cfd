using MigrationTasks.Diagnostics;
using MigrationTasks.Files;

namespace MigrationTasks.Lint;

/// <summary>
/// Which migrations the safety rules judge. A team adopting MigrationTasks brings migrations that ran
/// in production for years: <c>lint.since</c> holds only the ones above a version to the rules, and
/// <c>lint.enabled: false</c> turns the rules off. File checks (names, encoding, directives) always run.
/// </summary>
public sealed record LintScope(bool Enabled, MigrationVersion? Since)
{
    public static readonly LintScope Everything = new(true, null);

    public bool Covers(MigrationVersion version) => Enabled && (Since is not { } since || version > since);

    /// <summary>Drops the lint findings of migrations the scope leaves out; everything else stays.</summary>
    public IReadOnlyList<Diagnostic> Filter(IReadOnlyList<Diagnostic> diagnostics, IEnumerable<Migration> migrations)
    {
        if (this == Everything)
        {
            return diagnostics;
        }

        var outside = migrations.Where(m => !Covers(m.Version))
            .SelectMany(m => m.Down is null ? [m.Up.Path] : new[] { m.Up.Path, m.Down.Path })
            .ToHashSet(StringComparer.Ordinal);
        return diagnostics.Where(d => !LintRules.IsLintFinding(d) || d.File is null || !outside.Contains(d.File)).ToList();
    }
}
