using MigrationTasks.Cli.Tests.Support;
using MigrationTasks.Testing;

namespace MigrationTasks.Cli.Tests.Fleets;

/// <summary>A fleet of databases: the tenants query names each tenant's own connection.</summary>
public sealed class FleetDatabaseTests : DatabaseTest
{
    [Test]
    public async Task A_tenant_with_a_connection_string_is_migrated_in_its_own_database()
    {
        await using var acme = await TestDatabase.CreateAsync();
        await using var globex = await TestDatabase.CreateAsync();
        await Database.ExecuteAsync("CREATE TABLE tenants (key text, connection_string text)");
        await Database.ExecuteAsync($"INSERT INTO tenants VALUES ('acme', '{acme.ConnectionString}'), ('globex', '{globex.ConnectionString}')");
        using var migrations = new Migrations().Add("0001_items.sql", "CREATE TABLE items (id int);");

        var result = await Run(migrations, "up", "--tenants-query", "SELECT key, connection_string FROM tenants", "--parallel", "2");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(await acme.TableExistsAsync("public", "items") && await globex.TableExistsAsync("public", "items"), Is.True);
        Assert.That(await globex.ScalarAsync<long>("SELECT count(*) FROM migrationtasks_history"), Is.EqualTo(1));
        Assert.That(await Database.TableExistsAsync("public", "items"), Is.False);
    }

    [Test]
    public async Task A_tenant_whose_connection_string_names_another_engine_fails_alone()
    {
        await using var acme = await TestDatabase.CreateAsync();
        using var tenants = new TenantsFile($$"""[{"key": "acme", "connection_string": "{{acme.ConnectionString}}"}, {"key": "legacy", "connection_string": "mysql://u:hunter2@db/legacy"}]""");
        using var migrations = new Migrations().Add("0001_items.sql", "CREATE TABLE items (id int);");

        var result = await Run(migrations, "up", "--tenants-file", tenants.Path, "--on-error", "continue");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.All, Does.Contain("tenant legacy: failed").And.Contain("mysql").And.Not.Contain("hunter2"));
        Assert.That(result.Error, Does.Contain("MT4001: tenant 'legacy'").And.Not.Contain("--connection:"), "the tenant's setting is the one to fix, not the main connection");
        Assert.That(await acme.TableExistsAsync("public", "items"), Is.True);
    }

    [Test]
    public async Task In_a_github_step_each_tenant_password_is_masked_before_any_tenant_runs()
    {
        await using var acme = await TestDatabase.CreateAsync();
        var secret = new Npgsql.NpgsqlConnectionStringBuilder(acme.ConnectionString) { Password = "tenant-secret-42" };
        using var tenants = new TenantsFile($$"""[{"key": "acme", "connection_string": "{{secret.ConnectionString}}"}]""");
        using var migrations = new Migrations().Add("0001_items.sql", "CREATE TABLE items (id int);");
        var environment = new Dictionary<string, string> { ["GITHUB_ACTIONS"] = "true" };

        var result = await Tool.RunAsync(environment, "up", "--dir", migrations.Path, "--connection", Database.ConnectionString, "--tenants-file", tenants.Path);

        Assert.That(result.Output, Does.Contain("::add-mask::tenant-secret-42"));
        Assert.That(result.Output.IndexOf("::add-mask::tenant-secret-42", StringComparison.Ordinal), Is.LessThan(result.Output.IndexOf("tenant acme", StringComparison.Ordinal)));
    }

    [Test]
    public async Task MIGRATION_RECORD_SCHEMA_false_is_honoured_by_each_tenant_as_by_a_single_run()
    {
        using var tenants = TenantsFile.Schemas(2);
        using var migrations = new Migrations().Add("0001_items.sql", "CREATE TABLE items (id int);");

        var result = await Tool.RunAsync(new Dictionary<string, string> { ["MIGRATION_RECORD_SCHEMA"] = "false" },
            "up", "--dir", migrations.Path, "--connection", Database.ConnectionString, "--tenants-file", tenants.Path);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var schema = File.ReadAllLines(tenants.Path)[0];
        Assert.That(await Database.ScalarAsync<long>($"SELECT count(*) FROM {schema}.migrationtasks_history WHERE schema_fingerprint IS NOT NULL"), Is.Zero);
        Assert.That(await Database.ScalarAsync<long>($"SELECT count(*) FROM {schema}.migrationtasks_history"), Is.EqualTo(1));
    }
}
