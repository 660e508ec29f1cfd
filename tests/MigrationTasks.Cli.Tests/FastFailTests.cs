using System.Diagnostics;
using MigrationTasks.Cli.Commands;
using MigrationTasks.Cli.Reporting;
using MigrationTasks.Cli.Tests.Support;

namespace MigrationTasks.Cli.Tests;

/// <summary>
/// A person at a terminal who runs a read-only command against a server that is not there hears so in seconds;
/// CI and containers keep retrying until the timeout, and an explicit timeout always wins. The terminal cannot be
/// had in a test process, so the decision is tested as a decision, and one real run forces it.
/// </summary>
public sealed class FastFailTests
{
    private const string Unreachable = "Host=127.0.0.1;Port=1;Username=x";

    private static Terminal Detect(bool input, bool output, params (string Name, string Value)[] variables)
    {
        var values = variables.ToDictionary(v => v.Name, v => v.Value);
        return Terminal.Detect(new EnvironmentSettings(name => values.GetValueOrDefault(name)), input, output);
    }

    [Test]
    public void A_terminal_with_no_ci_variable_is_interactive_with_live_coloured_output()
    {
        Assert.That(Detect(input: true, output: true), Is.EqualTo(new Terminal(true, true, true)));
    }

    [Test]
    public void Redirected_output_from_a_terminal_is_interactive_but_not_live()
    {
        Assert.That(Detect(input: true, output: false), Is.EqualTo(new Terminal(true, false, false)));
    }

    [TestCase("CI", "true")]
    [TestCase("GITHUB_ACTIONS", "true")]
    [TestCase("KUBERNETES_SERVICE_HOST", "10.0.0.1")]
    [TestCase("DOTNET_RUNNING_IN_CONTAINER", "true")]
    public void A_ci_or_container_variable_makes_even_a_terminal_unattended(string name, string value)
    {
        Assert.That(Detect(true, true, (name, value)), Is.EqualTo(Terminal.Unattended));
    }

    [Test]
    public void No_color_and_a_dumb_terminal_keep_the_live_output_plain()
    {
        Assert.That(Detect(true, true, ("NO_COLOR", "1")).Color, Is.False);
        Assert.That(Detect(true, true, ("TERM", "dumb")).Color, Is.False);
        Assert.That(Detect(true, true, ("NO_COLOR", "1")).LiveOutput, Is.True);
    }

    [Test]
    public void The_override_wins_both_ways()
    {
        Assert.That(Detect(false, false, (Terminal.Override, "true")).Interactive, Is.True);
        Assert.That(Detect(true, true, (Terminal.Override, "false")), Is.EqualTo(Terminal.Unattended));
        Assert.That(Detect(false, false, (Terminal.Override, "true"), ("CI", "true")).LiveOutput, Is.True);
    }

    [TestCase("status", "default", true, ExpectedResult = true)]
    [TestCase("plan", "default", true, ExpectedResult = true)]
    [TestCase("up", "default", true, ExpectedResult = false)]
    [TestCase("down", "default", true, ExpectedResult = false)]
    [TestCase("status", "default", false, ExpectedResult = false)]
    [TestCase("status", "--timeout", true, ExpectedResult = false)]
    [TestCase("status", "MIGRATION_TIMEOUT", true, ExpectedResult = false)]
    [TestCase("status", "migrations.yaml:3", true, ExpectedResult = false)]
    public bool Only_a_read_only_command_at_a_terminal_with_the_default_timeout_gets_the_short_budget(string command, string timeoutSource, bool interactive) =>
        ConnectBudget.IsShort(command, new Setting<TimeSpan>(TimeSpan.FromSeconds(300), timeoutSource), interactive ? new Terminal(true, true, true) : Terminal.Unattended);

    [Test]
    public async Task Status_at_a_terminal_gives_up_on_an_unreachable_server_in_seconds_and_says_why()
    {
        using var migrations = Migrations.Basic();
        var clock = Stopwatch.StartNew();

        var result = await Tool.RunAsync(new Dictionary<string, string> { [Terminal.Override] = "true" }, "status", "--dir", migrations.Path, "--connection", Unreachable);

        Assert.That(result.ExitCode, Is.EqualTo(5), result.ToString());
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)), "the default budget is 300 s");
        Assert.That(result.Error, Does.Contain("MT3002"));
        Assert.That(result.Output, Does.Contain("Gave up connecting after 5 s").And.Contain("--timeout"));
    }

    [Test]
    public async Task An_explicit_timeout_wins_over_the_short_budget()
    {
        using var migrations = Migrations.Basic();
        var clock = Stopwatch.StartNew();

        var result = await Tool.RunAsync(new Dictionary<string, string> { [Terminal.Override] = "true" }, "status", "--dir", migrations.Path, "--connection", Unreachable, "--timeout", "9");

        Assert.That(result.ExitCode, Is.EqualTo(5), result.ToString());
        Assert.That(clock.Elapsed, Is.GreaterThan(TimeSpan.FromSeconds(8)), "retried for the 9 s asked, not 5");
        Assert.That(result.Output, Does.Not.Contain("Gave up connecting"));
    }
}
