using System.Text.Json;
using MigrationTasks.Cli.Tests.Support;

namespace MigrationTasks.Cli.Tests;

/// <summary>
/// A command line that does not parse is reported like every other error of the run: an NDJSON event with
/// --output json (a pipeline reading stdout otherwise sees nothing), an annotation and the exit-code output
/// inside a GitHub Actions step.
/// </summary>
public sealed class UsageErrorOutputTests
{
    [TestCase("stauts")]
    [TestCase("up", "--timeout", "abc")]
    [TestCase("down", "--bogus")]
    public async Task With_output_json_a_usage_error_is_a_json_diagnostic_on_stdout(params string[] args)
    {
        var result = await Tool.RunAsync([.. args, "--output", "json"]);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Is.Not.Empty, result.ToString());
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            Assert.That(json.RootElement.GetProperty("event").GetString(), Is.EqualTo("diagnostic"));
            Assert.That(json.RootElement.GetProperty("code").GetString(), Is.EqualTo("MT4002"));
            Assert.That(json.RootElement.GetProperty("severity").GetString(), Is.EqualTo("error"));
        }
    }

    [Test]
    public async Task Text_output_of_a_usage_error_is_unchanged()
    {
        var result = await Tool.RunAsync("stauts");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Output, Is.Empty);
        Assert.That(result.Error, Does.Contain("error MT4002: Unrecognized command or argument 'stauts'. Did you mean 'status'?")
            .And.Contain("Run 'migrations --help' for usage."));
    }

    [Test]
    public async Task An_invalid_output_value_is_reported_in_text()
    {
        var result = await Tool.RunAsync("status", "--output", "xml");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("error MT4002").And.Contain("xml"));
    }

    [Test]
    public async Task In_a_github_step_a_usage_error_is_an_annotation_and_sets_the_exit_code_output()
    {
        var outputFile = Path.GetTempFileName();
        try
        {
            var result = await Tool.RunAsync(new Dictionary<string, string> { ["GITHUB_ACTIONS"] = "true", ["GITHUB_OUTPUT"] = outputFile }, "up", "--timeout", "abc");

            Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
            Assert.That(result.All, Does.Contain("::error title=MT4002::MT4002: --timeout: 'abc' is not a whole number"));
            Assert.That(await File.ReadAllTextAsync(outputFile), Does.Contain("exit-code=2"));
        }
        finally
        {
            File.Delete(outputFile);
        }
    }
}
