namespace MigrationTasks.Lint;

/// <summary>A rule that fired on one statement: at token <paramref name="Token"/> of the statement, about <paramref name="Subject"/> (e.g. "DROP TABLE orders").</summary>
internal sealed record LintFinding(LintRule Rule, int Token, string Subject);
