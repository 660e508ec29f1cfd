using MigrationTasks.Cli.Tests.Support;

namespace MigrationTasks.Cli.Tests.Fleets;

/// <summary><c>drift</c> and <c>dump</c> over a fleet of schemas: each tenant is compared with, and dumps, its own schema only.</summary>
public sealed class FleetDriftTests : DatabaseTest
{
    private static Migrations Items() => new Migrations()
        .Add("0001_items.sql", "CREATE TABLE items (id int PRIMARY KEY);");

    // Tenants t01..tNN migrated, then a column added by hand in one of them.
    private async Task<TenantsFile> MigratedThenChangedAsync(Migrations migrations, int count, string changed)
    {
        var tenants = TenantsFile.Schemas(count);
        var up = await Run(migrations, "up", "--tenants-file", tenants.Path);
        Assert.That(up.ExitCode, Is.Zero, up.ToString());
        await Database.ExecuteAsync($"ALTER TABLE {changed}.items ADD COLUMN note text");
        return tenants;
    }

    [Test]
    public async Task Drift_over_a_fleet_names_the_tenant_changed_by_hand_and_only_it()
    {
        // Given two migrated tenants, a column added by hand in the second
        using var migrations = Items();
        using var tenants = await MigratedThenChangedAsync(migrations, 2, "t02");

        // When drift runs over the fleet
        var result = await Run(migrations, "drift", "--tenants-file", tenants.Path);

        // Then the first is clean, the second drifted (exit 9) with that column alone
        Assert.That(result.ExitCode, Is.EqualTo(9), result.ToString());
        Assert.That(result.Output, Does.Contain("tenant t01: succeeded").And.Contain("+ column t02.items.note"));
        Assert.That(result.Output, Does.Not.Contain("t01.items.note").And.Not.Contain("+ column t01"));
    }

    [Test]
    public async Task Drift_over_a_fleet_checks_every_tenant_when_the_first_one_drifted()
    {
        // Given three migrated tenants, the first changed by hand
        using var migrations = Items();
        using var tenants = await MigratedThenChangedAsync(migrations, 3, "t01");

        // When drift runs over the fleet with the default --on-error
        var result = await Run(migrations, "drift", "--tenants-file", tenants.Path);

        // Then every tenant is checked: the drifted one fails with exit 9, none is left unchecked (exit 10)
        Assert.That(result.ExitCode, Is.EqualTo(9), result.ToString());
        Assert.That(result.Output, Does.Contain("tenant t02: succeeded").And.Contain("tenant t03: succeeded"));
        Assert.That(result.Output, Does.Contain("1 failed, 0 skipped (locked), 0 not started"));
    }

    [Test]
    public async Task A_drifted_tenant_has_the_drift_as_its_error_in_the_report()
    {
        using var migrations = Items();
        using var tenants = await MigratedThenChangedAsync(migrations, 1, "t01");
        var report = Path.GetTempFileName();

        var result = await Run(migrations, "drift", "--tenants-file", tenants.Path, "--report", report);

        Assert.That(result.ExitCode, Is.EqualTo(9), result.ToString());
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(report));
        var tenant = json.RootElement.GetProperty("tenants")[0];
        Assert.That(tenant.GetProperty("status").GetString(), Is.EqualTo("failed"));
        Assert.That(tenant.GetProperty("error").GetString(), Does.Contain("1 object(s) differ").And.Contain("(items)"));
        File.Delete(report);
    }

    [Test]
    public async Task Dump_over_a_fleet_writes_each_tenant_schema_alone_to_stdout()
    {
        using var migrations = Items();
        using var tenants = TenantsFile.Schemas(2);
        await Run(migrations, "up", "--tenants-file", tenants.Path);
        await Database.ExecuteAsync("CREATE TABLE t02.only_in_t02 (id int)");
        using var one = new TenantsFile("t01");

        var result = await Run(migrations, "dump", "--tenants-file", one.Path, "--out", "-");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Contain("t01.items").And.Not.Contain("t02."));
    }

    [Test]
    public async Task Dump_over_a_fleet_to_one_file_is_refused()
    {
        using var migrations = Items();
        using var tenants = TenantsFile.Schemas(1);

        var result = await Run(migrations, "dump", "--tenants-file", tenants.Path, "--out", "schema.sql");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Output + result.Error, Does.Contain("MT4033").And.Contain("--out -"));
    }
}
