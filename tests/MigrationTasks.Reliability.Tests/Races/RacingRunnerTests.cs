using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using MigrationTasks.Reliability.Tests.Scenarios;
using MigrationTasks.Testing;

namespace MigrationTasks.Reliability.Tests.Races;

/// <summary>
/// Sixteen replicas start at once against one database, as a deployment scaled to sixteen pods
/// does: the lock must serialise them so that every migration runs exactly once, the
/// CREATE INDEX CONCURRENTLY must not deadlock against the waiters, and every replica must exit 0.
/// </summary>
public sealed partial class RacingRunnerTests
{
    private const int Runners = 16;
    private const int MigrationCount = 50;
    private const int ConcurrentIndex = 20;
    private const int Sleeper = 35;

    [Test]
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    [TestCase(5)]
    public async Task Sixteen_runners_apply_fifty_migrations_exactly_once(int round)
    {
        await using var database = await TestDatabase.CreateAsync();
        using var migrations = LedgerFolder.Create(MigrationCount, pause: 0, new Dictionary<int, string>
        {
            [ConcurrentIndex] = LedgerFolder.Concurrent(ConcurrentIndex, pause: 0),
            [Sleeper] = "SELECT pg_sleep(0.5);\n" + LedgerFolder.Standard(Sleeper, pause: 0),
        });

        var clock = Stopwatch.StartNew();
        var results = await Scenarios.Runners.RunTogetherAsync(Runners, Scenarios.Runners.Environment(database.ConnectionString), "up", "--dir", migrations.Path);
        await TestContext.Out.WriteLineAsync($"round {round}: {Runners} runners done in {clock.Elapsed.TotalSeconds:0.0} s");

        var all = Scenarios.Runners.Describe(results);
        Assert.That(results.Select(r => r.ExitCode), Is.All.Zero, all);

        var ledger = await Evidence.LedgerAsync(database.ConnectionString);
        var history = await Evidence.HistoryAsync(database.ConnectionString);
        var expected = Enumerable.Range(1, MigrationCount).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(ledger.Keys, Is.EquivalentTo(expected), "every version wrote to the ledger");
            Assert.That(ledger.Where(l => l.Value != 1).Select(l => $"{l.Key}: {l.Value} runs"), Is.Empty, "no migration ran twice");
            Assert.That(history.Keys, Is.EquivalentTo(expected));
            Assert.That(history.Values, Is.All.EqualTo("applied"), "no failed rows");
            // The runners together report each migration once: one applies them all, the rest find nothing to do.
            Assert.That(results.Sum(r => AppliedCount(r.Output)), Is.EqualTo(MigrationCount), all);
        });
        Assert.That(await database.ScalarAsync<bool>($"SELECT indisvalid FROM pg_index WHERE indexrelid = 'b_{LedgerFolder.Version(ConcurrentIndex)}'::regclass"), Is.True,
            "the concurrently built index is valid");
    }

    private static int AppliedCount(string output) =>
        AppliedLine().Match(output) is { Success: true } match ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"^Applied (\d+) migrations?", RegexOptions.Multiline)]
    private static partial Regex AppliedLine();
}
