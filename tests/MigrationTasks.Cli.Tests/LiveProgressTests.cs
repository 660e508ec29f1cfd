using System.Text.RegularExpressions;
using MigrationTasks.Cli.Reporting;
using MigrationTasks.Cli.Tests.Support;

namespace MigrationTasks.Cli.Tests;

/// <summary>
/// Live progress on a terminal (a counter, a ticking time on the running migration's line, colour unless NO_COLOR) and
/// plain lines everywhere else; the summary of up and down splits the time into connect, lock wait, apply and the rest.
/// A test has no terminal: the line is driven with a fake clock, and the pipeline with the detection forced.
/// </summary>
public sealed class LiveProgressTests
{
    private sealed class FakeClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;

        // The test ticks by hand.
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new Idle();

        private sealed class Idle : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }

    private string _folder = null!;

    [SetUp]
    public void SetUp() => _folder = Directory.CreateTempSubdirectory("mt-live-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    private string Sqlite(string name) => "sqlite:" + Path.Combine(_folder, name);

    [Test]
    public void The_running_line_shows_its_time_only_after_a_second_and_ticks_in_place()
    {
        var clock = new FakeClock();
        using var output = new StringWriter();
        using var line = new LiveLine(output, clock, color: false);

        line.Start("[2/5] 0002_backfill");
        line.Above(() => { });
        var drawn = output.ToString();
        clock.Advance(TimeSpan.FromMilliseconds(500));
        line.Tick();
        var afterHalfASecond = output.ToString();
        clock.Advance(TimeSpan.FromSeconds(1));
        line.Tick();
        var afterASecondAndAHalf = output.ToString();
        clock.Advance(TimeSpan.FromMinutes(20));
        line.Tick();

        Assert.That(drawn, Is.EqualTo("\r[2/5] 0002_backfill"));
        Assert.That(afterHalfASecond, Is.EqualTo(drawn), "nothing to redraw before a second has passed");
        Assert.That(afterASecondAndAHalf, Does.EndWith("\r[2/5] 0002_backfill  1.5 s"));
        Assert.That(output.ToString(), Does.EndWith("\r[2/5] 0002_backfill  20m 01s"));
    }

    [Test]
    public void The_result_replaces_the_running_line_and_other_output_goes_above_it()
    {
        var clock = new FakeClock();
        using var output = new StringWriter();
        using var line = new LiveLine(output, clock, color: false);
        line.Start("[1/1] 0001_a");
        line.Above(() => { });

        line.Above(() => output.WriteLine("retrying"));
        line.Finish("[1/1] 0001_a   12 ms");

        var screen = Rendered(output.ToString());
        Assert.That(screen, Is.EqualTo(new[] { "retrying", "[1/1] 0001_a   12 ms" }));
    }

    [Test]
    public void Colour_dims_the_counter_and_reddens_a_failure_and_no_colour_means_no_escape()
    {
        using var colored = new StringWriter();
        using var plain = new StringWriter();
        using (var line = new LiveLine(colored, new FakeClock(), color: true))
        {
            line.Finish("[1/2] 0001_a FAILED");
        }

        using (var line = new LiveLine(plain, new FakeClock(), color: false))
        {
            line.Finish("[1/2] 0001_a FAILED");
        }

        Assert.That(colored.ToString(), Does.Contain("\u001b[2m[1/2]\u001b[0m").And.Contain("\u001b[31mFAILED\u001b[0m"));
        Assert.That(plain.ToString(), Does.Not.Contain('\u001b'));
    }

    [Test]
    public async Task Up_at_a_terminal_numbers_each_migration_and_colours_unless_no_color_is_set()
    {
        using var migrations = Migrations.Basic();

        var colored = await Tool.RunAsync(new Dictionary<string, string> { [Terminal.Override] = "true" }, "up", "--dir", migrations.Path, "--connection", Sqlite("a.db"), "--no-backup");
        var noColor = await Tool.RunAsync(new Dictionary<string, string> { [Terminal.Override] = "true", ["NO_COLOR"] = "1" }, "up", "--dir", migrations.Path, "--connection", Sqlite("b.db"), "--no-backup");

        Assert.That(colored.ExitCode, Is.Zero, colored.ToString());
        Assert.That(colored.Output, Does.Contain("\u001b[2m[1/3]\u001b[0m 0001_create_users").And.Contain("\u001b[2m[3/3]\u001b[0m 0003_seed_user"));
        Assert.That(noColor.Output, Does.Not.Contain('\u001b').And.Contain("\r"));
        Assert.That(Rendered(noColor.Output), Has.Some.Match(@"^\[2/3\] 0002_create_orders +\d+ ms$"));
    }

    [Test]
    public async Task A_redirected_run_prints_plain_lines_without_carriage_returns_or_escapes()
    {
        using var migrations = Migrations.Basic();

        using var process = Tool.Start(null, "up", "--dir", migrations.Path, "--connection", Sqlite("c.db"), "--no-backup");
        var result = await Tool.WaitAsync(process, TimeSpan.FromMinutes(2));

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.All, Does.Not.Contain('\r').And.Not.Contain('\u001b'));
        Assert.That(result.Output, Does.Contain("\n  0001_create_users").And.Not.Contain("[1/3]"));
    }

    [Test]
    public async Task The_summaries_of_up_and_down_split_the_time()
    {
        using var migrations = Migrations.Basic().Add("0003_seed_user.down.sql", "DELETE FROM users;");

        var up = await Tool.RunAsync("up", "--dir", migrations.Path, "--connection", Sqlite("d.db"), "--no-backup");
        var down = await Tool.RunAsync("down", "--dir", migrations.Path, "--connection", Sqlite("d.db"), "--no-backup");

        Assert.That(up.Output, Does.Match(@"Applied 3 migrations in (\d+) ms \(connect \d+ ms, lock wait \d+ ms, apply \d+ ms, other \d+ ms\)\."), up.ToString());
        Assert.That(down.Output, Does.Match(@"Reverted 1 migration in (\d+) ms \(connect \d+ ms, lock wait \d+ ms, revert \d+ ms, other \d+ ms\)\."), down.ToString());
        var parts = Regex.Match(up.Output, @"in (\d+) ms \(connect (\d+) ms, lock wait (\d+) ms, apply (\d+) ms, other (\d+) ms\)").Groups;
        Assert.That(int.Parse(parts[2].Value) + int.Parse(parts[3].Value) + int.Parse(parts[4].Value) + int.Parse(parts[5].Value),
            Is.EqualTo(int.Parse(parts[1].Value)).Within(3), "the parts add up to the whole");
    }

    // What a terminal shows: each \r returns to the line's start, and later text overwrites earlier.
    private static string[] Rendered(string output) =>
        [.. output.Split('\n').Select(l => l.Split('\r').Last(part => part.Trim().Length > 0 || part == l).TrimEnd()).Where(l => l.Length > 0)];
}
