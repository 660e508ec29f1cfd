using System.Text.Json;
using MigrationTasks.Cli.Tests.Support;

namespace MigrationTasks.Cli.Tests.Fleets;

/// <summary>What a fleet run tells people and pipelines: JSON tenant lines, the GitHub table, option errors, migrations.yaml.</summary>
public sealed class FleetOutputTests : DatabaseTest
{
    private static Migrations One() => new Migrations().Add("0001_items.sql", "CREATE TABLE items (id int);");

    [Test]
    public async Task Json_output_ends_each_tenant_with_a_tenant_line()
    {
        using var migrations = One();
        using var tenants = TenantsFile.Schemas(2);

        var result = await Run(migrations, "up", "--tenants-file", tenants.Path, "--output", "json");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var tenantLines = lines.Where(l => l.GetProperty("event").GetString() == "tenant").ToList();
        Assert.That(tenantLines.Select(l => (l.GetProperty("key").GetString(), l.GetProperty("status").GetString(), l.GetProperty("to_version").GetString())),
            Is.EquivalentTo(new[] { ("t01", "succeeded", "0001"), ("t02", "succeeded", "0001") }));
    }

    [Test]
    public async Task A_github_step_summary_gets_a_row_per_tenant()
    {
        using var migrations = One();
        using var tenants = TenantsFile.Schemas(3);
        var summary = Path.GetTempFileName();
        var environment = new Dictionary<string, string> { ["GITHUB_ACTIONS"] = "true", ["GITHUB_STEP_SUMMARY"] = summary };

        var result = await Tool.RunAsync(environment, "up", "--dir", migrations.Path, "--connection", Database.ConnectionString, "--tenants-file", tenants.Path);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var rows = File.ReadAllLines(summary).Where(l => l.StartsWith("| t0", StringComparison.Ordinal)).ToList();
        Assert.That(rows, Has.Count.EqualTo(3));
        Assert.That(rows[0], Does.StartWith("| t01 | succeeded").And.Contain("| none | 0001 | 1 |"));
        File.Delete(summary);
    }

    [TestCase("--shard", "3/3", "--shard '3/3' is not i/n")]
    [TestCase("--on-error", "ignore", "--on-error 'ignore' is not a policy")]
    [TestCase("--parallel", "0", "--parallel 0 must be between 1 and 2147483647")]
    [TestCase("--report", "/nonexistent-folder/fleet.json", "--report '/nonexistent-folder/fleet.json' cannot be written")]
    public async Task A_bad_fleet_option_is_exit_2_before_any_tenant(string option, string value, string message)
    {
        using var migrations = One();
        using var tenants = TenantsFile.Schemas(2);

        var result = await Run(migrations, "up", "--tenants-file", tenants.Path, option, value);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("MT4033").And.Contain(message));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM pg_namespace WHERE nspname IN ('t01', 't02')"), Is.Zero);
    }

    [Test]
    public async Task A_report_path_naming_a_file_that_is_not_a_report_is_refused_and_the_file_left_as_it_is()
    {
        // --report given the tenants file by mistake: emptying it would lose the tenant list.
        using var migrations = One();
        using var tenants = TenantsFile.Schemas(2);
        var before = File.ReadAllText(tenants.Path);

        var result = await Run(migrations, "up", "--tenants-file", tenants.Path, "--report", tenants.Path);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("MT4033").And.Contain("not a fleet report"));
        Assert.That(File.ReadAllText(tenants.Path), Is.EqualTo(before));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM pg_namespace WHERE nspname IN ('t01', 't02')"), Is.Zero);
    }

    [Test]
    public async Task An_earlier_report_is_replaced_by_the_new_one()
    {
        using var migrations = One();
        using var tenants = TenantsFile.Schemas(1);
        var report = Path.GetTempFileName();
        var first = await Run(migrations, "up", "--tenants-file", tenants.Path, "--report", report);
        Assert.That(first.ExitCode, Is.Zero, first.ToString());

        var second = await Run(migrations, "status", "--tenants-file", tenants.Path, "--report", report);

        Assert.That(second.ExitCode, Is.Zero, second.ToString());
        using var json = JsonDocument.Parse(File.ReadAllText(report));
        Assert.That(json.RootElement.GetProperty("command").GetString(), Is.EqualTo("status"));
        File.Delete(report);
    }

    [Test]
    public async Task A_fleet_option_without_tenants_is_exit_2_rather_than_ignored()
    {
        using var migrations = One();

        var result = await Run(migrations, "up", "--parallel", "4");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("MT4033").And.Contain("--parallel applies to a fleet run"));
        Assert.That(await Database.TableExistsAsync("public", "items"), Is.False);
    }

    [Test]
    public async Task Shard_count_without_a_job_index_is_exit_2_naming_the_variable()
    {
        using var migrations = One();
        using var tenants = TenantsFile.Schemas(2);

        var result = await Run(migrations, "up", "--tenants-file", tenants.Path, "--shard-count", "2");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("JOB_COMPLETION_INDEX"));
    }

    [Test]
    public async Task Migrations_yaml_can_name_the_tenants_and_the_parallelism()
    {
        using var migrations = One();
        using var tenants = TenantsFile.Schemas(2);
        var config = Path.Combine(migrations.Path, "migrations.yaml");
        File.WriteAllText(config, $"tenants:\n  file: {Path.GetFileName(tenants.Path)}\n  parallel: 2\n");
        File.Move(tenants.Path, Path.Combine(migrations.Path, Path.GetFileName(tenants.Path)));

        var result = await Run(migrations, "up", "--config", config);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(await Database.TableExistsAsync("t02", "items"), Is.True);
    }

    [Test]
    public async Task Down_over_a_fleet_reverts_every_tenant()
    {
        using var migrations = One().Add("0001_items.down.sql", "DROP TABLE items;");
        using var tenants = TenantsFile.Schemas(2);
        await Run(migrations, "up", "--tenants-file", tenants.Path);

        var result = await Run(migrations, "down", "--tenants-file", tenants.Path, "--parallel", "2");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(await Database.TableExistsAsync("t01", "items") || await Database.TableExistsAsync("t02", "items"), Is.False);
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM t02.migrationtasks_history"), Is.Zero);
    }

    [Test]
    public async Task Down_over_a_fleet_reports_the_version_each_tenant_went_from_and_to()
    {
        using var migrations = One().Add("0001_items.down.sql", "DROP TABLE items;")
            .Add("0002_notes.sql", "CREATE TABLE notes (id int);").Add("0002_notes.down.sql", "DROP TABLE notes;");
        using var tenants = TenantsFile.Schemas(1);
        var up = await Run(migrations, "up", "--tenants-file", tenants.Path);
        Assert.That(up.ExitCode, Is.Zero, up.ToString());
        var report = Path.GetTempFileName();

        var result = await Run(migrations, "down", "--tenants-file", tenants.Path, "--report", report);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        using var json = JsonDocument.Parse(File.ReadAllText(report));
        var tenant = json.RootElement.GetProperty("tenants")[0];
        Assert.That(tenant.GetProperty("applied").EnumerateArray().Select(v => v.GetString()), Is.EqualTo(new[] { "0002" }));
        Assert.That((tenant.GetProperty("from_version").GetString(), tenant.GetProperty("to_version").GetString()), Is.EqualTo(("0002", "0001")));
        File.Delete(report);
    }

    [Test]
    public async Task Import_over_a_fleet_takes_over_each_tenants_own_golang_migrate_history()
    {
        using var migrations = new Migrations().Add("0001_items.up.sql", "CREATE TABLE items (id int);").Add("0001_items.down.sql", "DROP TABLE items;");
        using var tenants = TenantsFile.Schemas(2);
        foreach (var schema in TenantsFile.Keys(2))
        {
            await Database.ExecuteAsync($"CREATE SCHEMA {schema}");
            await Database.ExecuteAsync($"CREATE TABLE {schema}.items (id int)");
            await Database.ExecuteAsync($"CREATE TABLE {schema}.schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)");
            await Database.ExecuteAsync($"INSERT INTO {schema}.schema_migrations VALUES (1, false)");
        }

        var result = await Run(migrations, "import", "--tenants-file", tenants.Path);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        foreach (var schema in TenantsFile.Keys(2))
        {
            Assert.That(await Database.ScalarAsync<string>($"SELECT source FROM {schema}.migrationtasks_history"), Is.EqualTo("import:golang-migrate"), schema);
        }
    }
}
