using MigrationTasks.Diagnostics;

namespace MigrationTasks.Lint;

/// <summary>What kind of harm a lint rule guards against; down scripts are exempt from <see cref="Destructive"/>, since undoing is their job.</summary>
public enum LintCategory
{
    Destructive,
    Breaking,
    Locking,
    Transactions,
    Security,
    Hygiene,
}

/// <summary>
/// One safety rule: a stable kebab-case <paramref name="Id"/> (the name waivers use) and
/// <paramref name="Code"/>. What it says to a user is its dialect's <see cref="LintRuleText"/>.
/// </summary>
public sealed record LintRule(
    string Id,
    string Code,
    DiagnosticSeverity DefaultSeverity,
    LintCategory Category);
