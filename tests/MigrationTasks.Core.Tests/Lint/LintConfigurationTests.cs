using MigrationTasks.Configuration;
using MigrationTasks.Diagnostics;
using MigrationTasks.Files;

namespace MigrationTasks.Core.Tests.Lint;

public sealed class LintConfigurationTests
{
    [Test]
    public void The_lint_section_sets_rule_severities()
    {
        var (configuration, diagnostics) = ConfigurationLoader.Parse("lint:\n  drop-column: warning\n  int-key: error\n  truncate: off\n", "migrations.yaml");

        Assert.That(diagnostics, Is.Empty);
        Assert.That(configuration.LintSeverities(), Is.EquivalentTo(new Dictionary<string, DiagnosticSeverity?>
        {
            ["drop-column"] = DiagnosticSeverity.Warning,
            ["int-key"] = DiagnosticSeverity.Error,
            ["truncate"] = null,
        }));
    }

    [Test]
    public void An_unknown_rule_is_a_configuration_error_listing_the_rules()
    {
        var (_, diagnostics) = ConfigurationLoader.Parse("lint:\n  drop-collumn: warning\n", "migrations.yaml");

        var error = diagnostics.Single();
        Assert.That((error.Code, error.Line), Is.EqualTo((DiagnosticCodes.InvalidConfiguration, 2)));
        Assert.That(error.Message, Does.Contain("drop-collumn").And.Contain("drop-column"));
    }

    [TestCase("warn")]
    [TestCase("none")]
    [TestCase("true")]
    public void A_severity_other_than_error_warning_or_off_is_a_configuration_error(string value)
    {
        var (_, diagnostics) = ConfigurationLoader.Parse($"lint:\n  drop-column: {value}\n", "migrations.yaml");

        Assert.That(diagnostics.Single().Message, Does.Contain("error, warning or off").And.Contain(value));
    }

    [Test]
    public void Configured_severities_reach_the_findings_of_a_folder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "mt-lint-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            File.WriteAllText(Path.Combine(folder, "0001_cleanup.sql"), "-- migrate:lock-timeout 5s\nALTER TABLE orders DROP COLUMN note;\nTRUNCATE audit;");
            var (configuration, _) = ConfigurationLoader.Parse("lint:\n  drop-column: warning\n  truncate: off\n", "migrations.yaml");

            var set = Linted.Load(folder, configuration.LintSeverities());

            Assert.That(set.Diagnostics.Select(d => (d.Code, d.Severity)), Is.EqualTo(new[] { ("MT2102", DiagnosticSeverity.Warning) }));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void A_default_lock_timeout_turns_missing_lock_timeout_off_unless_it_is_set()
    {
        var (implied, _) = ConfigurationLoader.Parse("defaults:\n  lock_timeout: 5s\n", "migrations.yaml");
        var (explicitly, _) = ConfigurationLoader.Parse("defaults:\n  lock_timeout: 5s\nlint:\n  missing-lock-timeout: error\n", "migrations.yaml");

        Assert.That(implied.LintSeverities()["missing-lock-timeout"], Is.Null);
        Assert.That(explicitly.LintSeverities()["missing-lock-timeout"], Is.EqualTo(DiagnosticSeverity.Error));
    }
}
