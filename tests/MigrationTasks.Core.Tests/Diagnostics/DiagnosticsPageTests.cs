using System.Reflection;
using MigrationTasks.Diagnostics;
using MigrationTasks.Lint;

namespace MigrationTasks.Core.Tests.Diagnostics;

/// <summary>docs/diagnostics.md is where every help link points: each code needs its heading there, and so its anchor.</summary>
public sealed class DiagnosticsPageTests
{
    private static readonly string[] Headings = File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "diagnostics.md"))
        .Where(l => l.StartsWith("### MT", StringComparison.Ordinal)).Select(l => l[4..].Trim()).ToArray();

    public static IEnumerable<string> EveryCode() =>
        typeof(DiagnosticCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!)
            .Concat(LintRules.All.Select(r => r.Code)).Distinct();

    [TestCaseSource(nameof(EveryCode))]
    public void Every_code_has_a_heading_in_the_diagnostics_page(string code)
    {
        Assert.That(Headings, Does.Contain(code), $"add '### {code}' with its meaning and next step to docs/diagnostics.md");
    }

    [Test]
    public void The_page_has_no_heading_for_a_code_that_does_not_exist()
    {
        Assert.That(Headings.Except(EveryCode()), Is.Empty);
    }

    [Test]
    public void A_help_link_points_at_the_codes_anchor_on_the_page()
    {
        Assert.That(DiagnosticHelp.LinkOf("MT2105"), Does.EndWith("/docs/diagnostics.md#mt2105"));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MigrationTasks.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("no MigrationTasks.sln above the test assembly");
    }
}
