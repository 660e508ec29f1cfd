using MigrationTasks.Configuration;
using MigrationTasks.Diagnostics;

namespace MigrationTasks.Core.Tests.Configuration;

/// <summary>migrations.yaml's <c>drift:</c> section: the schemas the fingerprint reads and the globs it leaves out.</summary>
public sealed class DriftConfigurationTests
{
    private static (MigrationsConfiguration Configuration, IReadOnlyList<Diagnostic> Diagnostics) Parse(string yaml) =>
        ConfigurationLoader.Parse(yaml, "migrations.yaml");

    [Test]
    public void Schemas_and_exclusion_globs_are_read_as_lists()
    {
        var (configuration, diagnostics) = Parse("""
            drift:
              schemas: [app, reporting]
              exclude:
                - audit.*
                - public.tmp_*
                - "*.pgbouncer_*"
            """);

        Assert.That(diagnostics, Is.Empty);
        var scope = configuration.SchemaScope();
        Assert.That(scope.Schemas, Is.EqualTo(new[] { "app", "reporting" }));
        Assert.That(scope.Exclude, Is.EqualTo(new[] { "audit.*", "public.tmp_*", "*.pgbouncer_*" }));
    }

    [Test]
    public void Without_a_drift_section_the_whole_database_is_described()
    {
        var scope = Parse("directory: migrations").Configuration.SchemaScope();

        Assert.That(scope.Schemas, Is.Null);
        Assert.That(scope.Exclude, Is.Empty);
    }

    [TestCase("public.tmp_[0-9]", "'['")]
    [TestCase("public.{a,b}", "'{'")]
    [TestCase("' audit.*'", "blanks")]
    [TestCase("''", "empty")]
    public void A_bad_glob_is_MT4022_at_its_own_line(string glob, string reason)
    {
        var (_, diagnostics) = Parse($"""
            drift:
              exclude:
                - audit.*
                - {glob}
            """);

        Assert.That(diagnostics, Has.Count.EqualTo(1));
        Assert.That(diagnostics[0].Code, Is.EqualTo("MT4022"));
        Assert.That(diagnostics[0].Line, Is.EqualTo(4));
        Assert.That(diagnostics[0].Message, Does.Contain(reason).And.Contain("drift.exclude"));
    }

    [Test]
    public void An_unknown_key_in_the_drift_section_names_the_allowed_ones()
    {
        var (_, diagnostics) = Parse("drift:\n  exlude: [a.*]\n");

        Assert.That(diagnostics.Single().Message, Does.Contain("drift.exlude").And.Contain("exclude").And.Contain("schemas"));
    }
}
