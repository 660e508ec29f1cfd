using System.Reflection;
using MigrationTasks.Diagnostics;
using MigrationTasks.Lint;
using MigrationTasks.Testing;

namespace MigrationTasks.Core.Tests.Lint;

public sealed class LintRulesTests
{
    [Test]
    public void Rule_ids_are_unique_kebab_case()
    {
        var ids = LintRules.All.Select(r => r.Id).ToList();

        Assert.That(ids, Is.Unique);
        Assert.That(ids, Has.All.Match("^[a-z]+(-[a-z]+)*$"));
    }

    [Test]
    public void Rule_codes_are_unique_mt21xx_and_collide_with_no_other_code()
    {
        var codes = LintRules.All.Select(r => r.Code).ToList();
        var others = typeof(DiagnosticCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!);

        Assert.That(codes, Is.Unique);
        Assert.That(codes, Has.All.Match("^MT21[0-8][0-9]$"));
        Assert.That(codes.Intersect(others), Is.Empty);
    }

    [Test]
    public void Hygiene_rules_are_warnings_by_default()
    {
        Assert.That(LintRules.All.Where(r => r.Category == LintCategory.Hygiene).Select(r => r.DefaultSeverity),
            Has.All.EqualTo(DiagnosticSeverity.Warning));
    }

    [Test]
    public void Every_rule_is_documented()
    {
        var docs = File.ReadAllText(Path.Combine(Repository.Root(), "docs", "lint.md"));

        Assert.That(LintRules.All.Where(r => !docs.Contains($"## {r.Id} ({r.Code})", StringComparison.Ordinal)).Select(r => r.Id), Is.Empty);
    }
}
