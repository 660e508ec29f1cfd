using MigrationTasks.Cli.Tests.Support;
using MigrationTasks.Testing;

namespace MigrationTasks.Cli.Tests;

/// <summary>An orchestrator stopping the job: the real process gets the signal while the server is busy.</summary>
public sealed class CancellationTests
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromMinutes(2);

    [TestCase("TERM", 143)]
    [TestCase("INT", 130)]
    public async Task A_signal_mid_migration_cancels_the_statement_rolls_back_releases_the_lock_and_is_audited(string signal, int exitCode)
    {
        await using var database = await TestDatabase.CreateAsync();
        using var migrations = new Migrations()
            .Add("0001_fast.sql", "CREATE TABLE fast (id int);")
            .Add("0002_slow.sql", "CREATE TABLE before_sleep (id int);\nSELECT pg_sleep(60);\nCREATE TABLE after_sleep (id int);");

        using var runner = Tool.Start(new Dictionary<string, string> { ["DATABASE_URL"] = database.ConnectionString }, "up", "--dir", migrations.Path);
        await WaitUntilSleepingAsync(database);
        await Tool.SignalAsync(runner, signal);
        var result = await Tool.WaitAsync(runner, ProcessTimeout);

        Assert.That(result.ExitCode, Is.EqualTo(exitCode), result.ToString());
        Assert.That(await database.TableExistsAsync("public", "fast"), Is.True);
        Assert.That(await database.TableExistsAsync("public", "before_sleep"), Is.False);
        Assert.That(await database.ScalarAsync<string>("SELECT string_agg(version::text, ',') FROM migrationtasks_history"), Is.EqualTo("1"));
        Assert.That(await database.ScalarAsync<long>("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"), Is.Zero);
        Assert.That(await database.ScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(60)%'"), Is.Zero);
        Assert.That(await database.ScalarAsync<string>("SELECT outcome || ' ' || array_to_string(versions, ',') FROM migrationtasks_history_audit"), Is.EqualTo("cancelled 0001,0002"));
    }

    [Test]
    public async Task A_signal_during_a_no_transaction_migration_says_its_row_is_failed_and_what_to_run_next()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var migrations = new Migrations()
            .Add("0001_slow.sql", "-- migrate:no-transaction\nCREATE TABLE before_sleep (id int);\nSELECT pg_sleep(60);\nCREATE TABLE after_sleep (id int);");

        using var runner = Tool.Start(new Dictionary<string, string> { ["DATABASE_URL"] = database.ConnectionString }, "up", "--dir", migrations.Path);
        await WaitUntilSleepingAsync(database);
        await Tool.SignalAsync(runner, "TERM");
        var result = await Tool.WaitAsync(runner, ProcessTimeout);

        // The first statement stays committed, so "rolled back" would be untrue: the user must hear about the failed row.
        Assert.That(result.ExitCode, Is.EqualTo(143), result.ToString());
        Assert.That(await database.TableExistsAsync("public", "before_sleep"), Is.True);
        Assert.That(await database.ScalarAsync<string>("SELECT status FROM migrationtasks_history"), Is.EqualTo("failed"));
        Assert.That(result.All, Does.Not.Contain("transaction rolled back"));
        Assert.That(result.All, Does.Contain("0001_slow").And.Contain("failed").And.Contain("migrations up --resume").And.Contain("migrations repair"));
        Assert.That(await database.ScalarAsync<long>("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"), Is.Zero);
    }

    private static async Task WaitUntilSleepingAsync(TestDatabase database)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (await database.ScalarAsync<long>($"SELECT count(*) FROM pg_stat_activity WHERE datname = '{database.Name}' AND state = 'active' AND query LIKE 'SELECT pg_sleep(60)%'") == 0)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the migration never reached pg_sleep");
            await Task.Delay(100);
        }
    }
}
