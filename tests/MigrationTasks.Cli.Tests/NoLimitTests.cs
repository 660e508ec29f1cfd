using System.Diagnostics;
using MigrationTasks.Cli.Tests.Support;
using MigrationTasks.Postgres;
using Npgsql;

namespace MigrationTasks.Cli.Tests;

/// <summary>A timeout of 0 means "no limit" in every spelling, as the docs and `migrations config` say.</summary>
public sealed class NoLimitTests : DatabaseTest
{
    public static IEnumerable<TestCaseData> ZeroTimeouts() =>
    [
        new TestCaseData("--timeout").SetArgDisplayNames("--timeout 0"),
        new TestCaseData("MIGRATION_TIMEOUT").SetArgDisplayNames("MIGRATION_TIMEOUT=0"),
        new TestCaseData("timeout:").SetArgDisplayNames("timeout: 0"),
    ];

    // Longer than the 2 s grace the deadline gets on top of the timeout: with 0 read as "0 s" it ends in exit 5.
    [TestCaseSource(nameof(ZeroTimeouts))]
    public async Task An_overall_timeout_of_0_lets_the_run_finish(string spelling)
    {
        using var migrations = new Migrations().Add("0001_slow.sql", "CREATE TABLE slow (id int);\nSELECT pg_sleep(3);");
        var (environment, arguments) = Spell(spelling, migrations);

        var result = await Tool.RunAsync(environment, ["up", .. arguments, "--dir", migrations.Path, "--connection", Database.ConnectionString]);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(await Database.TableExistsAsync("public", "slow"), Is.True);
    }

    [Test]
    public async Task A_lock_timeout_of_0_waits_until_the_lock_is_free()
    {
        using var migrations = Migrations.Basic();
        var key = new PostgresSettings(new NpgsqlConnectionStringBuilder(Database.ConnectionString)).EffectiveLockKey(Database.Name);
        await using var holder = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Pooling = false }.ToString());
        await holder.OpenAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({key})", holder))
        {
            await take.ExecuteScalarAsync();
        }

        var clock = Stopwatch.StartNew();
        var run = Tool.RunAsync("up", "--dir", migrations.Path, "--connection", Database.ConnectionString, "--lock-timeout", "0");
        await Task.Delay(TimeSpan.FromSeconds(2));
        await holder.CloseAsync();
        var result = await run;

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(clock.Elapsed, Is.GreaterThan(TimeSpan.FromSeconds(1.5)));
        Assert.That(await Database.TableExistsAsync("public", "users"), Is.True);
    }

    [TestCaseSource(nameof(ZeroTimeouts))]
    public async Task Config_says_a_timeout_of_0_is_no_limit(string spelling)
    {
        using var migrations = new Migrations();
        var (environment, arguments) = Spell(spelling, migrations);

        var result = await Tool.RunAsync(environment, ["config", .. arguments]);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Match(@"timeout\s+0 \(no limit\)"));
    }

    private static (Dictionary<string, string> Environment, string[] Arguments) Spell(string spelling, Migrations migrations)
    {
        var config = Path.Combine(migrations.Path, "settings.yaml");
        File.WriteAllText(config, spelling == "timeout:" ? "timeout: 0\n" : "directory: .\n");
        var environment = new Dictionary<string, string>();
        if (spelling == "MIGRATION_TIMEOUT")
        {
            environment["MIGRATION_TIMEOUT"] = "0";
        }

        return (environment, spelling == "--timeout" ? ["--timeout", "0", "--config", config] : ["--config", config]);
    }
}
