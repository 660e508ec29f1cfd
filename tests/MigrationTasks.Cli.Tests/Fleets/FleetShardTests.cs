using System.Text.RegularExpressions;
using MigrationTasks.Cli.Tests.Support;

namespace MigrationTasks.Cli.Tests.Fleets;

/// <summary>Shards across machines (here: across invocations and processes) share one fleet without a coordinator.</summary>
public sealed partial class FleetShardTests : DatabaseTest
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromMinutes(2);

    // Each migration leaves one row per run in the tenant's log: two runs of one migration would leave two.
    private static Migrations Logged() => new Migrations()
        .Add("0001_log.sql", "CREATE TABLE log (version int);\nINSERT INTO log VALUES (1);")
        .Add("0002_slow.sql", "SELECT pg_sleep(0.2);\nINSERT INTO log VALUES (2);");

    [Test]
    public async Task Shards_0_to_n_minus_1_migrate_every_tenant_exactly_once()
    {
        using var migrations = Logged();
        using var tenants = TenantsFile.Schemas(10);
        var environment = new Dictionary<string, string> { ["JOB_COMPLETION_INDEX"] = "2" };

        var results = new[]
        {
            await Run(migrations, "up", "--tenants-file", tenants.Path, "--shard", "0/3"),
            await Run(migrations, "up", "--tenants-file", tenants.Path, "--shard", "1/3"),
            // The third as a Kubernetes Indexed Job would run it: the index from the environment.
            await Tool.RunAsync(environment, "up", "--dir", migrations.Path, "--connection", Database.ConnectionString, "--tenants-file", tenants.Path, "--shard-count", "3"),
        };

        Assert.That(results.Select(r => r.ExitCode), Is.All.Zero, string.Join("\n", results.Select(r => r.ToString())));
        Assert.That(results.Sum(r => int.Parse(TenantCount().Match(r.Output).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)), Is.EqualTo(10));
        foreach (var schema in TenantsFile.Keys(10))
        {
            Assert.That(await Database.ScalarAsync<long>($"SELECT count(*) FROM {schema}.log"), Is.EqualTo(2), schema);
        }
    }

    [Test]
    public async Task Two_processes_with_overlapping_shards_never_apply_a_migration_twice()
    {
        using var migrations = Logged();
        using var tenants = TenantsFile.Schemas(8);
        var everything = new Dictionary<string, string> { ["DATABASE_URL"] = Database.ConnectionString };
        var firstHalf = new Dictionary<string, string>(everything) { ["JOB_COMPLETION_INDEX"] = "0" };

        using var first = Tool.Start(everything, "up", "--dir", migrations.Path, "--tenants-file", tenants.Path, "--parallel", "2");
        using var second = Tool.Start(firstHalf, "up", "--dir", migrations.Path, "--tenants-file", tenants.Path, "--shard-count", "2", "--parallel", "2");
        var results = await Task.WhenAll(Tool.WaitAsync(first, ProcessTimeout), Tool.WaitAsync(second, ProcessTimeout));

        Assert.That(results.Select(r => r.ExitCode), Is.All.Zero, string.Join("\n", results.Select(r => r.ToString())));
        foreach (var schema in TenantsFile.Keys(8))
        {
            Assert.That(await Database.ScalarAsync<long>($"SELECT count(*) FROM {schema}.log"), Is.EqualTo(2), schema);
            Assert.That(await Database.ScalarAsync<long>($"SELECT count(*) FROM {schema}.migrationtasks_history"), Is.EqualTo(2), schema);
        }
    }

    [Test]
    public async Task Sigterm_stops_starting_tenants_lets_the_running_one_finish_and_exits_10()
    {
        using var migrations = new Migrations().Add("0001_slow.sql", "SELECT pg_sleep(1.5);\nCREATE TABLE done (id int);");
        using var tenants = TenantsFile.Schemas(5);
        using var runner = Tool.Start(new Dictionary<string, string> { ["DATABASE_URL"] = Database.ConnectionString }, "up", "--dir", migrations.Path, "--tenants-file", tenants.Path);
        await WaitForAsync("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'migrationtasks/t01' AND query LIKE '%pg_sleep%'");

        await Tool.SignalAsync(runner, "TERM");
        var result = await Tool.WaitAsync(runner, ProcessTimeout);

        Assert.That(result.ExitCode, Is.EqualTo(10), result.ToString());
        Assert.That(await Database.TableExistsAsync("t01", "done"), Is.True);
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM pg_namespace WHERE nspname IN ('t03', 't04', 't05')"), Is.Zero);
        Assert.That(result.Output, Does.Contain("tenant t01: succeeded").And.Contain("not started"));
    }

    private async Task WaitForAsync(string countQuery)
    {
        var deadline = DateTime.UtcNow + ProcessTimeout;
        while (await Database.ScalarAsync<long>(countQuery) == 0)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the runner never started its first tenant");
            await Task.Delay(25);
        }
    }

    [GeneratedRegex(@"Fleet shard \d/3: (\d+) tenants")]
    private static partial Regex TenantCount();
}
