using MigrationTasks.Lint;
using MigrationTasks.Postgres.Dialect;

namespace MigrationTasks.Postgres.Tests.Dialect;

/// <summary>The lint rules in PostgreSQL's words, which the dialect holds (Core keeps only ids, codes and severities).</summary>
public sealed class PostgresRuleTextsTests
{
    [Test]
    public void Every_rule_says_what_it_costs_and_what_to_do_instead()
    {
        Assert.That(PostgresRuleTexts.All, Has.All.Matches<LintRuleText>(t => t.Problem.Length > 20 && t.Remedy.Length > 20));
    }

    [Test]
    public void The_dialect_words_every_rule_of_the_catalogue_once_in_its_order()
    {
        Assert.That(PostgresDialect.Instance.RuleTexts.Select(t => t.Rule), Is.EqualTo(LintRules.All));
    }
}
