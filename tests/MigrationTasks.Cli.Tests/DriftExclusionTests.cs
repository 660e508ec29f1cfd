using MigrationTasks.Cli.Tests.Support;

namespace MigrationTasks.Cli.Tests;

/// <summary>migrations.yaml's <c>drift.exclude</c>: objects a tool or a person owns outside the migrations are neither drift nor dumped.</summary>
public sealed class DriftExclusionTests : DatabaseTest
{
    private const string Config = """
        drift:
          exclude:
            - audit.*
            - public.tmp_*
        """;

    private Task<CliResult> RunWithConfig(Migrations migrations, params string[] args) =>
        Run(migrations, [.. args, "--config", Path.Combine(migrations.Path, "migrations.yaml")]);

    [Test]
    public async Task Objects_matching_an_exclusion_glob_are_not_drift()
    {
        // Given applied migrations and a config that excludes the audit schema and public.tmp_* tables
        using var migrations = Migrations.Basic().Add("migrations.yaml", Config);
        var up = await RunWithConfig(migrations, "up");
        Assert.That(up.ExitCode, Is.Zero, up.ToString());

        // When such objects are made by hand, and one that is not excluded
        await Database.ExecuteAsync("CREATE SCHEMA audit");
        await Database.ExecuteAsync("CREATE TABLE audit.events (id int)");
        await Database.ExecuteAsync("CREATE TABLE tmp_load (id int)");
        var clean = await RunWithConfig(migrations, "drift");
        await Database.ExecuteAsync("CREATE TABLE load_tmp (id int)");
        var drifted = await RunWithConfig(migrations, "drift");

        // Then only the last is drift
        Assert.That(clean.ExitCode, Is.Zero, clean.ToString());
        Assert.That(drifted.ExitCode, Is.EqualTo(9), drifted.ToString());
        Assert.That(drifted.Output, Does.Contain("+ table public.load_tmp").And.Not.Contain("audit").And.Not.Contain("tmp_load"));
    }

    [Test]
    public async Task Dump_leaves_excluded_objects_out()
    {
        using var migrations = Migrations.Basic().Add("migrations.yaml", Config);
        await RunWithConfig(migrations, "up");
        await Database.ExecuteAsync("CREATE TABLE tmp_load (id int)");

        var result = await RunWithConfig(migrations, "dump", "--out", "-");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Contain("public.users").And.Not.Contain("tmp_load"));
    }

    [Test]
    public async Task A_bad_glob_is_refused_with_MT4022_and_its_line_before_connecting()
    {
        using var migrations = Migrations.Basic().Add("migrations.yaml", "drift:\n  exclude:\n    - public.tmp_[0-9]\n");

        var result = await RunWithConfig(migrations, "drift");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("MT4022").And.Contain("migrations.yaml(3"));
    }
}
