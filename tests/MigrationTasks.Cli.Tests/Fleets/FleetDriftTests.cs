using MigrationTasks.Cli.Tests.Support;

namespace MigrationTasks.Cli.Tests.Fleets;

/// <summary><c>drift</c> and <c>dump</c> over a fleet of schemas: each tenant is compared with, and dumps, its own schema only.</summary>
public sealed class FleetDriftTests : DatabaseTest
{
    private static Migrations Items() => new Migrations()
        .Add("0001_items.sql", "CREATE TABLE items (id int PRIMARY KEY);");

    [Test]
    public async Task Drift_over_a_fleet_names_the_tenant_changed_by_hand_and_only_it()
    {
        // Given two migrated tenants
        using var migrations = Items();
        using var tenants = TenantsFile.Schemas(2);
        var up = await Run(migrations, "up", "--tenants-file", tenants.Path);
        Assert.That(up.ExitCode, Is.Zero, up.ToString());

        // When a column is added by hand in the second
        await Database.ExecuteAsync("ALTER TABLE t02.items ADD COLUMN note text");
        var result = await Run(migrations, "drift", "--tenants-file", tenants.Path);

        // Then the first is clean, the second drifted (exit 9) with that column alone
        Assert.That(result.ExitCode, Is.EqualTo(9), result.ToString());
        Assert.That(result.Output, Does.Contain("tenant t01: succeeded").And.Contain("+ column t02.items.note"));
        Assert.That(result.Output, Does.Not.Contain("t01.items.note").And.Not.Contain("+ column t01"));
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
