using System.Diagnostics;
using System.Globalization;
using MigrationTasks.Cli.Tests.Support;
using MigrationTasks.Reliability.Tests.Scenarios;
using MigrationTasks.Testing;

namespace MigrationTasks.Reliability.Tests.Crashes;

/// <summary>
/// A runner killed with SIGKILL (an evicted pod, an OOM kill) at seeded random moments while it
/// applies 30 migrations. Every transactional migration must be all there or not at all, the lock
/// must be free at once, and the next run must finish the job. Migration 15 runs outside a
/// transaction; a kill inside it must leave the documented `failed` row, which `repair` clears.
/// </summary>
public sealed class KillTests
{
    private const int Rounds = 26;
    private const int MigrationCount = 30;
    private const int NoTransaction = 15;
    private const double Pause = 0.04;
    private const double NoTransactionPause = 0.3;

    // Long enough to cover the whole apply (30 × Pause plus the no-transaction pause), so kills spread over all of it.
    private static readonly TimeSpan KillWindow = TimeSpan.FromSeconds((MigrationCount * Pause) + NoTransactionPause + 0.2);

    /// <summary>RELIABILITY_SEED replays a failing run; each round's seed is this plus the round number.</summary>
    private static int BaseSeed =>
        int.TryParse(Environment.GetEnvironmentVariable("RELIABILITY_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) ? seed : 20261122;

    [Test]
    public async Task A_runner_killed_mid_apply_leaves_nothing_half_applied_and_the_next_run_completes()
    {
        using var migrations = LedgerFolder.Create(MigrationCount, Pause, new Dictionary<int, string>
        {
            [NoTransaction] = LedgerFolder.Concurrent(NoTransaction, NoTransactionPause),
        });
        var outcomes = new Dictionary<string, int>();
        for (var round = 1; round <= Rounds; round++)
        {
            var seed = BaseSeed + round;
            var outcome = await RunRoundAsync(migrations, round, seed);
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        var summary = string.Join(", ", outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}: {o.Value}"));
        await TestContext.Out.WriteLineAsync($"{Rounds} kills (base seed {BaseSeed}): {summary}");
        // The scenario is only worth its time if most kills land while migrations are being applied.
        Assert.That(outcomes.GetValueOrDefault("mid-apply") + outcomes.GetValueOrDefault("inside the no-transaction migration"), Is.GreaterThanOrEqualTo(Rounds / 2), summary);
    }

    private static async Task<string> RunRoundAsync(Migrations migrations, int round, int seed)
    {
        var random = new Random(seed);
        var delay = TimeSpan.FromMilliseconds(random.NextDouble() * KillWindow.TotalMilliseconds);
        await using var database = await TestDatabase.CreateAsync();
        var key = LockKey.For(database.Name);
        var context = $"round {round}, seed {seed}, kill {delay.TotalMilliseconds:0} ms after the lock";

        using var runner = Tool.Start(Runners.Environment(database.ConnectionString), "up", "--dir", migrations.Path);
        var output = runner.StandardOutput.ReadToEndAsync();
        var error = runner.StandardError.ReadToEndAsync();
        await WaitForLockOrExitAsync(database.ConnectionString, key, runner, context);
        await Task.Delay(delay);
        runner.Kill();
        await runner.WaitForExitAsync();
        await Task.WhenAll(output, error);

        var freeAfter = await Evidence.WaitForLockFreeAsync(database.ConnectionString, key, TimeSpan.FromSeconds(1));
        Assert.That(freeAfter, Is.Not.Null, $"{context}: the migration lock is still held by {await Evidence.MigrationLockHolderAsync(database.ConnectionString, key)} a second after the kill");
        var history = await Evidence.HistoryAsync(database.ConnectionString);
        var skip = new HashSet<int> { NoTransaction };
        Assert.That(await Evidence.HalfAppliedAsync(database.ConnectionString, MigrationCount, skip), Is.Empty, $"{context}: half-applied right after the kill");
        var outcome = Classify(history);
        await TestContext.Out.WriteLineAsync($"{context}: {outcome}, {history.Count(h => h.Value == "applied")} applied, lock free after {freeAfter!.Value.TotalMilliseconds:0} ms");

        await FinishAsync(database, migrations, history, context);

        var final = await Evidence.HistoryAsync(database.ConnectionString);
        Assert.That(final.Count(h => h.Value == "applied"), Is.EqualTo(MigrationCount), context);
        Assert.That(await Evidence.HalfAppliedAsync(database.ConnectionString, MigrationCount, skip), Is.Empty, $"{context}: after the next run");
        Assert.That((await Evidence.LedgerAsync(database.ConnectionString)).Values, Is.All.EqualTo(1), $"{context}: a migration ran twice");
        return outcome;
    }

    /// <summary>
    /// The next run. After a kill inside the no-transaction migration the documented path is: `up`
    /// refuses (MT2004, exit 7), a person drops any INVALID index `repair` names and runs `repair`,
    /// then `up` runs that migration again from its start.
    /// </summary>
    private static async Task FinishAsync(TestDatabase database, Migrations migrations, Dictionary<int, string> history, string context)
    {
        string[] connection = ["--dir", migrations.Path, "--connection", database.ConnectionString];
        var next = await Tool.RunAsync(["up", .. connection]);
        if (history.GetValueOrDefault(NoTransaction) == "failed")
        {
            Assert.That(next.ExitCode, Is.EqualTo(7), $"{context}: {next}");
            Assert.That(next.Error, Does.Contain("MT2004"), context);
            var repair = await Tool.RunAsync(["repair", .. connection]);
            Assert.That(repair.ExitCode, Is.Zero, $"{context}: {repair}");
            var invalid = await database.ScalarAsync<string>(
                "SELECT string_agg(indexrelid::regclass::text, ',') FROM pg_index WHERE NOT indisvalid");
            if (invalid is not null)
            {
                Assert.That(repair.All, Does.Contain(invalid), $"{context}: repair names the INVALID index");
                await database.ExecuteAsync($"DROP INDEX CONCURRENTLY {invalid}");
            }

            next = await Tool.RunAsync(["up", .. connection]);
        }

        Assert.That(next.ExitCode, Is.Zero, $"{context}: {next}");
    }

    private static string Classify(Dictionary<int, string> history) =>
        history.GetValueOrDefault(NoTransaction) == "failed" ? "inside the no-transaction migration"
        : history.Count == 0 ? "before the first commit"
        : history.Count == MigrationCount ? "after the last commit"
        : "mid-apply";

    private static async Task WaitForLockOrExitAsync(string connectionString, long key, Process runner, string context)
    {
        var clock = Stopwatch.StartNew();
        while (await Evidence.MigrationLockHolderAsync(connectionString, key) is null)
        {
            Assert.That(runner.HasExited, Is.False, $"{context}: the runner exited ({(runner.HasExited ? runner.ExitCode : 0)}) before taking the lock");
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)), $"{context}: the runner never took the lock");
            await Task.Delay(10);
        }
    }
}
