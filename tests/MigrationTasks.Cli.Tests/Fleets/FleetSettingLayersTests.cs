using MigrationTasks.Cli.Tests.Support;

namespace MigrationTasks.Cli.Tests.Fleets;

/// <summary>A fleet's settings are layered as every other setting: a flag over migrations.yaml's tenants:, which is read when no flag is given.</summary>
public sealed class FleetSettingLayersTests : DatabaseTest
{
    [Test]
    public async Task A_tenants_file_flag_wins_over_the_one_migrations_yaml_names()
    {
        using var migrations = new Migrations().Add("0001_items.sql", "CREATE TABLE items (id int);");
        using var tenants = TenantsFile.Schemas(2);
        var config = Path.Combine(migrations.Path, "migrations.yaml");
        File.WriteAllText(config, "tenants:\n  file: no-such-tenants.json\n");

        var result = await Run(migrations, "up", "--config", config, "--tenants-file", tenants.Path);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(await Database.TableExistsAsync("t01", "items") && await Database.TableExistsAsync("t02", "items"), Is.True);
    }

    [Test]
    public async Task Allow_empty_in_migrations_yaml_lets_an_empty_fleet_succeed_without_the_flag()
    {
        using var migrations = new Migrations().Add("0001_items.sql", "CREATE TABLE items (id int);");
        using var tenants = new TenantsFile("");
        var config = Path.Combine(migrations.Path, "migrations.yaml");
        File.WriteAllText(config, "tenants:\n  allow_empty: true\n");

        var result = await Run(migrations, "up", "--config", config, "--tenants-file", tenants.Path);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
    }

    // The error must send the user to the setting that is wrong, not to the main connection, which is fine.
    [TestCase("flag", "--tenants-connection: ")]
    [TestCase("migrations.yaml", "tenants.connection (migrations.yaml:2): ")]
    public async Task A_tenants_connection_that_does_not_parse_is_named_as_the_tenants_connection(string given, string named)
    {
        using var migrations = new Migrations().Add("0001_items.sql", "CREATE TABLE items (id int);");
        var config = Path.Combine(migrations.Path, "migrations.yaml");
        const string bad = "postgresql://app:pw@127.0.0.1:notaport/db";
        File.WriteAllText(config, given == "flag" ? "" : $"tenants:\n  connection: {bad}\n");
        string[] flag = given == "flag" ? ["--tenants-connection", bad] : [];

        var result = await Run(migrations, ["up", "--config", config, "--tenants-query", "SELECT 'acme'", .. flag]);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("MT4001: " + named).And.Not.Contain("--connection:"));
    }
}
