namespace MigrationTasks.Lint;

/// <summary>
/// A rule as one dialect words it: the harm the statement does on that engine (<paramref name="Problem"/>:
/// the lock or the loss) and the safe way to make the same change there (<paramref name="Remedy"/>).
/// </summary>
public sealed record LintRuleText(LintRule Rule, string Problem, string Remedy);
