using MigrationTasks.Cli.Tests.Support;
using MigrationTasks.Postgres;
using MigrationTasks.Testing;
using Npgsql;

namespace MigrationTasks.Cli.Tests;

/// <summary>Runners as real processes: racing replicas, a held lock, a server that comes up late.</summary>
public sealed class ConcurrencyTests
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromMinutes(2);

    [Test]
    public async Task Two_runners_started_together_apply_each_migration_exactly_once()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var migrations = new Migrations()
            .Add("0001_counter.sql", "CREATE TABLE applied (n int);")
            .Add("0002_slow.sql", "SELECT pg_sleep(1);\nINSERT INTO applied VALUES (2);")
            .Add("0003_more.sql", "INSERT INTO applied VALUES (3);");
        var environment = new Dictionary<string, string> { ["DATABASE_URL"] = database.ConnectionString };

        using var first = Tool.Start(environment, "up", "--dir", migrations.Path);
        using var second = Tool.Start(environment, "up", "--dir", migrations.Path);
        var results = await Task.WhenAll(Tool.WaitAsync(first, ProcessTimeout), Tool.WaitAsync(second, ProcessTimeout));

        Assert.That(results.Select(r => r.ExitCode), Is.All.Zero, string.Join("\n", results.Select(r => r.ToString())));
        Assert.That(await database.ScalarAsync<long>("SELECT count(*) FROM applied"), Is.EqualTo(2));
        Assert.That(await database.ScalarAsync<long>("SELECT count(*) FROM migrationtasks_history"), Is.EqualTo(3));
        Assert.That(results.Count(r => r.Output.Contains("Applied 3 migrations", StringComparison.Ordinal)), Is.EqualTo(1));
        Assert.That(results.Count(r => r.Output.Contains("Nothing to do", StringComparison.Ordinal)), Is.EqualTo(1));
    }

    [Test]
    public async Task A_runner_arriving_while_another_applies_a_no_transaction_migration_waits_instead_of_calling_it_failed()
    {
        // Given a runner in the middle of a no-transaction migration, whose history row reads
        // 'failed at statement 1' until it completes (so that a crash leaves a repairable row)
        await using var database = await TestDatabase.CreateAsync();
        using var migrations = new Migrations()
            .Add("0001_table.sql", "CREATE TABLE t (id int);")
            .Add("0002_slow_index.sql", "-- migrate:no-transaction\nSELECT pg_sleep(3);\nCREATE INDEX CONCURRENTLY t_id ON t (id);")
            .Add("0003_more.sql", "CREATE TABLE u (id int);");
        var environment = new Dictionary<string, string> { ["DATABASE_URL"] = database.ConnectionString };
        using var first = Tool.Start(environment, "up", "--dir", migrations.Path);
        await WaitUntilAsync(() => database.ScalarAsync<bool>(
            "SELECT to_regclass('migrationtasks_history') IS NOT NULL AND EXISTS (SELECT FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(3)%' AND state = 'active')"));

        // When a second runner starts meanwhile
        var second = await Tool.RunAsync(environment, "up", "--dir", migrations.Path);
        var firstResult = await Tool.WaitAsync(first, ProcessTimeout);

        // Then it waits for the lock and finds nothing left to do, rather than exiting 7 on a row in progress
        Assert.That(second.ExitCode, Is.Zero, second.ToString());
        Assert.That(second.Output, Does.Contain("Nothing to do"));
        Assert.That(firstResult.ExitCode, Is.Zero, firstResult.ToString());
        Assert.That(await database.ScalarAsync<long>("SELECT count(*) FROM migrationtasks_history WHERE status = 'applied'"), Is.EqualTo(3));
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + ProcessTimeout;
        while (!await condition())
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the first runner never reached its slow statement");
            await Task.Delay(50);
        }
    }

    [Test]
    public async Task A_lock_timeout_names_the_holder_and_exits_4()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var migrations = Migrations.Basic();
        var key = new PostgresSettings(new NpgsqlConnectionStringBuilder(database.ConnectionString)).EffectiveLockKey(database.Name);
        await using var holder = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { ApplicationName = "deploy-job-7", Pooling = false }.ToString());
        await holder.OpenAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({key})", holder))
        {
            await take.ExecuteScalarAsync();
        }

        var result = await Tool.RunAsync("up", "--dir", migrations.Path, "--connection", database.ConnectionString, "--lock-timeout", "1");

        Assert.That(result.ExitCode, Is.EqualTo(4), result.ToString());
        Assert.That(result.Error, Does.Contain("MT3001").And.Contain($"pid {holder.ProcessID}").And.Contain("deploy-job-7"));
        Assert.That(await database.TableExistsAsync("public", "users"), Is.False);
    }

    [Test]
    public async Task A_runner_started_before_the_server_is_up_connects_once_it_is()
    {
        await using var cluster = await ThrowawayCluster.CreateAsync(start: false);
        using var migrations = Migrations.Basic();

        using var runner = Tool.Start(new Dictionary<string, string> { ["DATABASE_URL"] = cluster.ConnectionString() }, "up", "--dir", migrations.Path);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.That(runner.HasExited, Is.False, "the runner should still be retrying while the server is down");
        await cluster.StartAsync();
        var result = await Tool.WaitAsync(runner, ProcessTimeout);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Error, Does.Contain("retry"));
        Assert.That(result.Output, Does.Contain("Applied 3 migrations"));
    }
}
