using System.Text.Json;
using MigrationTasks.Cli.Tests.Support;
using MigrationTasks.Postgres;
using Npgsql;

namespace MigrationTasks.Cli.Tests.Fleets;

/// <summary>How a fleet is scheduled, seen from the database: connections, canaries, failures, held locks.</summary>
public sealed class FleetSchedulingTests : DatabaseTest
{
    // Fails in the schema named 'bad' only, so one tenant's failure is a real server error.
    private static Migrations FailingIn(string schema) => new Migrations()
        .Add("0001_items.sql", "CREATE TABLE items (id int);")
        .Add("0002_check.sql", $"DO $$ BEGIN IF current_schema() = '{schema}' THEN RAISE EXCEPTION 'boom in %', current_schema(); END IF; END $$;\nINSERT INTO items VALUES (2);");

    [Test]
    public async Task Parallel_4_never_has_more_than_4_tenants_connected_at_once()
    {
        using var migrations = new Migrations().Add("0001_slow.sql", "SELECT pg_sleep(0.4);\nCREATE TABLE items (id int);");
        using var tenants = TenantsFile.Schemas(12);
        var (peakTenants, peakSessions) = (0L, 0L);
        using var done = new CancellationTokenSource();
        var watch = Task.Run(async () =>
        {
            await using var connection = await Database.OpenConnectionAsync();
            while (!done.IsCancellationRequested)
            {
                await using var command = new NpgsqlCommand(
                    "SELECT count(*) FILTER (WHERE application_name LIKE 'migrationtasks/%'), count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'migrationtasks%'", connection);
                await using var reader = await command.ExecuteReaderAsync();
                await reader.ReadAsync();
                (peakTenants, peakSessions) = (Math.Max(peakTenants, reader.GetInt64(0)), Math.Max(peakSessions, reader.GetInt64(1)));
                await Task.Delay(20);
            }
        });

        var result = await Run(migrations, "up", "--tenants-file", tenants.Path, "--parallel", "4");
        await done.CancelAsync();
        await watch;

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(peakTenants, Is.InRange(2, 4), "tenant sessions at once");
        // The tenants' migration locks are held on one session the fleet shares, not one more per tenant.
        Assert.That(peakSessions, Is.InRange(peakTenants, 5), "sessions of the runner");
    }

    [Test]
    public async Task A_canary_failure_leaves_every_other_tenant_untouched_and_exits_10()
    {
        using var migrations = FailingIn("bad");
        using var tenants = new TenantsFile("t01\nbad\nt02\nt03");

        var result = await Run(migrations, "up", "--tenants-file", tenants.Path, "--canary", "ba?", "--on-error", "continue", "--parallel", "2");

        Assert.That(result.ExitCode, Is.EqualTo(10), result.ToString());
        Assert.That(result.Error, Does.Contain("MT3032"));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM pg_namespace WHERE nspname IN ('t01', 't02', 't03')"), Is.Zero);
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM bad.migrationtasks_history WHERE status = 'applied'"), Is.EqualTo(1));
        Assert.That(result.Output, Does.Contain("tenant bad: failed").And.Contain("3 not started"));
    }

    [Test]
    public async Task A_canary_glob_that_matches_no_tenant_is_refused_before_any_tenant_runs()
    {
        using var migrations = FailingIn("bad");
        using var tenants = new TenantsFile("t01\nbad\nt02");

        // "Bad" for "bad": keys match case-sensitively, so without the check every tenant would run at once, the failing one included.
        var result = await Run(migrations, "up", "--tenants-file", tenants.Path, "--canary", "t0?,Bad", "--on-error", "continue");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("MT4033").And.Contain("--canary: 'Bad' matches no tenant").And.Not.Contain("'t0?'"));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM pg_namespace WHERE nspname IN ('t01', 'bad', 't02')"), Is.Zero);
    }

    [Test]
    public async Task On_error_continue_brings_the_others_to_the_latest_version_and_exits_6()
    {
        using var migrations = FailingIn("bad");
        using var tenants = new TenantsFile("t01\nbad\nt02");
        var report = Path.GetTempFileName();

        var result = await Run(migrations, "up", "--tenants-file", tenants.Path, "--on-error", "continue", "--report", report);

        Assert.That(result.ExitCode, Is.EqualTo(6), result.ToString());
        foreach (var schema in new[] { "t01", "t02" })
        {
            Assert.That(await Database.ScalarAsync<string>($"SELECT max(version)::text FROM {schema}.migrationtasks_history WHERE status = 'applied'"), Is.EqualTo("2"));
        }

        using var json = JsonDocument.Parse(File.ReadAllText(report));
        var bad = json.RootElement.GetProperty("tenants").EnumerateArray().Single(t => t.GetProperty("key").GetString() == "bad");
        Assert.That(bad.GetProperty("status").GetString(), Is.EqualTo("failed"));
        Assert.That(bad.GetProperty("error").GetString(), Does.Contain("boom in bad"));
        Assert.That(json.RootElement.GetProperty("exit_code").GetInt32(), Is.EqualTo(6));
        File.Delete(report);
    }

    [Test]
    public async Task A_tenant_whose_lock_another_process_holds_is_skipped_not_failed()
    {
        using var migrations = FailingIn("bad");
        using var tenants = TenantsFile.Schemas(3);
        await using var holder = await Database.OpenConnectionAsync();
        var key = new PostgresSettings(new NpgsqlConnectionStringBuilder()) { HistorySchema = "t02" }.EffectiveLockKey(Database.Name);
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({key})", holder))
        {
            await take.ExecuteNonQueryAsync();
        }

        var result = await Run(migrations, "up", "--tenants-file", tenants.Path, "--parallel", "3");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Contain("tenant t02: skipped (locked)").And.Contain("2 succeeded, 0 failed, 1 skipped (locked)"));
        Assert.That(await Database.TableExistsAsync("t02", "items"), Is.False);
        Assert.That(await Database.TableExistsAsync("t03", "items"), Is.True);
    }
}
