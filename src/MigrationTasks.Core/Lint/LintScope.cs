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
}
