using System.Collections.Concurrent;
using System.Text.Json;
using MigrationTasks.Cli.GitHub;
using MigrationTasks.Cli.Reporting;
using MigrationTasks.Cli.Tests.Support;
using MigrationTasks.Execution;
using MigrationTasks.Files;
using MigrationTasks.Planning;
using MigrationTasks.Postgres.Dialect;

namespace MigrationTasks.Cli.Tests;

/// <summary>Several targets report through the same reporters at once: every event stays whole and keeps its target.</summary>
public sealed class ParallelReportingTests
{
    private const int Targets = 8;
    private const int EventsEach = 5000;

    [Test]
    public async Task Targets_reporting_at_once_give_one_whole_json_line_per_event()
    {
        using var output = new StringWriter();
        var reporter = new RunProgress(new JsonReporter(output));

        await ReportFromEveryTarget(reporter);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(Targets * EventsEach));
        Assert.That(lines.Select(line => JsonDocument.Parse(line).RootElement.GetProperty("event").GetString()).Distinct(), Is.EqualTo(new[] { "notice" }));
    }

    [Test]
    public async Task Targets_applying_at_once_are_all_counted_in_the_github_step_outputs()
    {
        using var migrations = Migrations.Basic();
        var migration = MigrationDirectory.Load(PostgresDialect.Instance, migrations.Path).Migrations[0];
        var outputFile = Path.GetTempFileName();
        try
        {
            var github = new GitHubReporter(new JsonReporter(TextWriter.Null), TextWriter.Null, new GitHubActions(outputFile, null, null));
            var reporter = new RunProgress(github);
            reporter.On(new PlanReadyEvent(new Plan([], [], [])));

            await ReportFromEveryTarget(reporter, () => new MigrationAppliedEvent(migration, TimeSpan.Zero));
            github.Complete("up", 0);

            Assert.That(File.ReadAllText(outputFile), Does.StartWith($"applied-count={Targets * EventsEach}\n"));
        }
        finally
        {
            File.Delete(outputFile);
        }
    }

    [Test]
    public async Task Each_event_carries_the_target_that_reported_it()
    {
        var seen = new ConcurrentBag<RunEvent>();

        await ReportFromEveryTarget(new Collector(seen));

        Assert.That(seen.GroupBy(e => e.Target!.Database).Select(g => (g.Key, g.Count(), g.All(e => ((NoticeEvent)e).Message.StartsWith(g.Key + ":", StringComparison.Ordinal)))),
            Is.EquivalentTo(Enumerable.Range(1, Targets).Select(i => ($"db{i}", EventsEach, true))));
    }

    // Each target on its own thread, all released at once, so the reports really overlap even on two cores.
    private static async Task ReportFromEveryTarget(IRunObserver reporter, Func<RunEvent>? next = null)
    {
        using var start = new ManualResetEventSlim();
        var targets = Enumerable.Range(1, Targets).Select(i => Task.Factory.StartNew(() =>
        {
            var target = new TargetedObserver(reporter, new RunTarget($"db{i}", "public"));
            start.Wait();
            for (var n = 0; n < EventsEach; n++)
            {
                target.On(next?.Invoke() ?? new NoticeEvent($"db{i}: event {n}"));
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToList();
        start.Set();
        await Task.WhenAll(targets);
    }

    private sealed class Collector(ConcurrentBag<RunEvent> seen) : IRunObserver
    {
        public void On(RunEvent runEvent) => seen.Add(runEvent);
    }
}
