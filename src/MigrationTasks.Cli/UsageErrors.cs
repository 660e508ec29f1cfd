using System.CommandLine;
using MigrationTasks.Cli.Commands;
using MigrationTasks.Cli.GitHub;
using MigrationTasks.Cli.Reporting;
using MigrationTasks.Diagnostics;

namespace MigrationTasks.Cli;

/// <summary>
/// Reports a command line that did not parse (MT4002, exit 2) the way the run asked for: NDJSON with
/// --output json, so a pipeline reading stdout gets an event and not nothing; an annotation and the
/// exit-code output inside a GitHub Actions step; otherwise plain lines on stderr.
/// </summary>
internal static class UsageErrors
{
    public static async Task<int> ReportAsync(IReadOnlyList<string> messages, ParseResult parse, CliConsole console, Func<string, string?> getEnvironmentVariable)
    {
        var diagnostics = messages.Select(m => Diagnostic.Error(DiagnosticCodes.InvalidOption, m)).ToList();
        var json = AskedForJson(parse);
        IReporter reporter = json ? new JsonReporter(console.Out) : new ConsoleReporter(console.Out, console.Error, readOnly: true, OutputLevel.Verbose);
        var github = GitHubActions.Detect(getEnvironmentVariable) is { } actions
            ? new GitHubReporter(reporter, CommandRunner.WorkflowCommandWriter(json, console), actions)
            : null;
        (github ?? reporter).Problems(diagnostics);
        if (!json)
        {
            await console.Error.WriteLineAsync("Run 'migrations --help' for usage.").ConfigureAwait(false);
        }

        github?.Complete(parse.CommandResult.Command.Name, ExitCodes.Usage);
        return ExitCodes.Usage;
    }

    // The --output value may itself be the error (-o xml): then the run did not ask for JSON.
    private static bool AskedForJson(ParseResult parse)
    {
        var output = parse.GetResult(CliOptions.Output);
        return output is not null && output.Tokens.Count > 0 && output.Tokens[^1].Value == "json";
    }
}
