using System.Diagnostics;
using MigrationTasks.Cli.Tests.Support;
using MigrationTasks.Reliability.Tests.Scenarios;
using MigrationTasks.Testing;

namespace MigrationTasks.Reliability.Tests.Restarts;

/// <summary>
/// PostgreSQL restarted under a deploy (a failover, a minor-version upgrade): stopped with a fast
/// shutdown while the runner connects, and while it applies. The runner must recover by retrying
/// or exit with a documented code that is not "internal error", the next run must complete, and
/// no migration may be half-applied. Each test owns its cluster, so stopping it disturbs nobody.
/// </summary>
public sealed class ServerRestartTests
{
    private const int MigrationCount = 30;
    private static readonly Dictionary<string, string> NoExtra = [];

    [Test]
    public async Task A_runner_started_while_the_server_is_stopping_retries_and_completes()
    {
        await using var cluster = await ThrowawayCluster.CreateAsync();
        var connection = await CreateDatabaseAsync(cluster);
        using var migrations = LedgerFolder.Create(MigrationCount, pause: 0);

        // The runner starts as the fast shutdown begins: it meets a server going down, then none.
        using var runner = Tool.Start(Runners.Environment(connection, ("MIGRATION_TIMEOUT", "60s")), "up", "--dir", migrations.Path);
        await cluster.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.That(runner.HasExited, Is.False, "the runner keeps retrying while the server is down");
        await cluster.StartAsync();
        var result = await Tool.WaitAsync(runner, Runners.ProcessTimeout);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Error, Does.Contain("connect failed").And.Contain("retry"), "each retry is reported");
        await AssertNextRunCompletesAsync(connection, migrations);
    }

    [Test]
    public async Task A_runner_whose_server_stops_mid_apply_exits_with_a_documented_code_and_the_next_run_completes()
    {
        await using var cluster = await ThrowawayCluster.CreateAsync();
        var connection = await CreateDatabaseAsync(cluster);
        using var migrations = LedgerFolder.Create(MigrationCount, pause: 0.1);

        using var runner = Tool.Start(Runners.Environment(connection, ("MIGRATION_TIMEOUT", "60s")), "up", "--dir", migrations.Path);
        var output = runner.StandardOutput.ReadToEndAsync();
        var error = runner.StandardError.ReadToEndAsync();
        await WaitForAppliedAsync(connection, runner);
        await cluster.StopAsync();
        var stoppedAt = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(1));
        await cluster.StartAsync();
        await runner.WaitForExitAsync(new CancellationTokenSource(Runners.ProcessTimeout).Token);
        var result = new CliResult(runner.ExitCode, await output, await error);
        await TestContext.Out.WriteLineAsync($"runner exited {result.ExitCode} {stoppedAt.Elapsed.TotalSeconds:0.0} s after the stop began:\n{result.Error}");

        // The documented code for a database that went away (before the fix: 1, "internal error").
        Assert.That(result.ExitCode, Is.EqualTo(5), result.ToString());
        Assert.That(result.Error, Does.Contain("MT3002").And.Contain("lost the connection").And.Contain("57P01"), result.ToString());
        Assert.That(await Evidence.HalfAppliedAsync(connection, MigrationCount, new HashSet<int>()), Is.Empty, "right after the restart");
        await AssertNextRunCompletesAsync(connection, migrations);
    }

    private static async Task<string> CreateDatabaseAsync(ThrowawayCluster cluster)
    {
        await using (var admin = new Npgsql.NpgsqlConnection(cluster.ConnectionString()))
        {
            await admin.OpenAsync();
            await using var create = new Npgsql.NpgsqlCommand("CREATE DATABASE app", admin);
            await create.ExecuteNonQueryAsync();
        }

        return new Npgsql.NpgsqlConnectionStringBuilder(cluster.ConnectionString("app")) { Pooling = false }.ToString();
    }

    private static async Task WaitForAppliedAsync(string connection, Process runner)
    {
        var clock = Stopwatch.StartNew();
        while ((await Evidence.HistoryAsync(connection)).Count < 3)
        {
            Assert.That(runner.HasExited, Is.False, "the runner ended before the server was stopped");
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(60)), "the runner never started applying");
            await Task.Delay(20);
        }
    }

    private static async Task AssertNextRunCompletesAsync(string connection, Migrations migrations)
    {
        var next = await Tool.RunAsync(NoExtra, "up", "--dir", migrations.Path, "--connection", connection);
        Assert.That(next.ExitCode, Is.Zero, next.ToString());
        var snapshot = await Evidence.SnapshotAsync(connection);
        Assert.That(snapshot.History.Values.Count(s => s == "applied"), Is.EqualTo(MigrationCount));
        Assert.That(snapshot.Ledger.Values, Is.All.EqualTo(1), "no migration ran twice");
        Assert.That(await Evidence.HalfAppliedAsync(connection, MigrationCount, new HashSet<int>()), Is.Empty);
    }
}
