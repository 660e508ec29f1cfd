using MigrationTasks.Cli.Tests.Support;

namespace MigrationTasks.Cli.Tests.Fleets;

/// <summary>
/// Tenants in the fleet's database take turns on kept work sessions (no connect, warm catalog caches per tenant),
/// and each migration still runs in its own tenant's schema as it would in a session of its own.
/// </summary>
public sealed class FleetSessionTests : DatabaseTest
{
    [Test]
    public async Task Tenants_one_after_another_share_one_work_session_and_each_migration_runs_in_its_tenant_schema()
    {
        // Given two migrations that record the server process and the schema they ran in (the second after the first's session reset)
        using var migrations = new Migrations()
            .Add("0001_items.sql", "CREATE TABLE items (pid int DEFAULT pg_backend_pid(), owner text DEFAULT current_schema(), app text DEFAULT current_setting('application_name'));\nINSERT INTO items DEFAULT VALUES;")
            .Add("0002_more.sql", "CREATE TABLE more (owner text DEFAULT current_schema());\nINSERT INTO more DEFAULT VALUES;");
        using var tenants = TenantsFile.Schemas(3);

        // When the fleet runs them one tenant at a time
        var result = await Run(migrations, "up", "--tenants-file", tenants.Path, "--parallel", "1");

        // Then one server process served every tenant, each migration ran in its tenant's schema under its tenant's name
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        foreach (var schema in TenantsFile.Keys(3))
        {
            Assert.That(await Database.ScalarAsync<string>($"SELECT owner FROM {schema}.items"), Is.EqualTo(schema));
            Assert.That(await Database.ScalarAsync<string>($"SELECT owner FROM {schema}.more"), Is.EqualTo(schema));
            Assert.That(await Database.ScalarAsync<string>($"SELECT app FROM {schema}.items"), Does.EndWith("/" + schema));
        }

        Assert.That(await ServerProcessesAsync(3), Is.EqualTo(1));
        Assert.That(await Database.TableExistsAsync("public", "more"), Is.False);
    }

    [Test]
    public async Task A_migration_that_resets_the_search_path_gets_a_session_of_its_own_per_tenant()
    {
        // Given a migration whose RESET would return a kept session to the fleet's search_path
        using var migrations = new Migrations()
            .Add("0001_items.sql", "SET search_path = public;\nRESET search_path;\nCREATE TABLE items (pid int DEFAULT pg_backend_pid());\nINSERT INTO items DEFAULT VALUES;");
        using var tenants = TenantsFile.Schemas(2);

        var result = await Run(migrations, "up", "--tenants-file", tenants.Path, "--parallel", "1");

        // Then each tenant had its own session, whose reset search_path is its schema
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(await ServerProcessesAsync(2), Is.EqualTo(2));
        Assert.That(await Database.TableExistsAsync("public", "items"), Is.False);
    }

    // How many server processes the first n tenants' items rows were written by.
    private async Task<int> ServerProcessesAsync(int tenants)
    {
        var pids = new HashSet<int>();
        foreach (var schema in TenantsFile.Keys(tenants))
        {
            pids.Add(await Database.ScalarAsync<int>($"SELECT pid FROM {schema}.items"));
        }

        return pids.Count;
    }
}
