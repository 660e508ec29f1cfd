using System.CommandLine;
using System.Runtime.InteropServices;
using MigrationTasks.Cli.Commands;
using MigrationTasks.Cli.GitHub;

namespace MigrationTasks.Cli;

/// <summary>
/// The entry point, callable in-process by tests. SIGINT and SIGTERM cancel the run (the server
/// statement is cancelled and the transaction rolled back) and give exit 130 / 143. .NET 10 no longer
/// turns SIGTERM into a graceful shutdown on its own, so both are registered here. A second signal
/// ends the process at once, in case something does not honour the cancellation.
/// </summary>
internal static class CliApp
{
    public static async Task<int> RunAsync(string[] args, CliConsole console, Func<string, string?> getEnvironmentVariable, CancellationToken cancellationToken)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var signal = 0;
        void Cancel(PosixSignalContext context)
        {
            if (signal != 0)
            {
                // Already cancelling and asked again: let the default action end the process.
                return;
            }

            context.Cancel = true;
            signal = context.Signal == PosixSignal.SIGTERM ? ExitCodes.Terminated : ExitCodes.Interrupted;
            cancellation.Cancel();
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);

        var github = GitHubActions.Detect(getEnvironmentVariable) is not null;
        if (github)
        {
            // No line of ours may read as a workflow command unless it is one (a crafted file name could forge one).
            console = CommandProofWriter.Wrap(console);
        }

        var root = MigrationCommands.Create(console, new EnvironmentSettings(getEnvironmentVariable));
        var configuration = new InvocationConfiguration { Output = console.Out, Error = console.Error, ProcessTerminationTimeout = null };
        var parse = root.Parse(args);
        // Only a GitHub step (which masks them before any output) and a usage error (which echoes them) need the stray
        // connection strings: finding them parses every argument as a connection string, a cost a good run never pays.
        IReadOnlyList<string> Stray() => StrayConnections.In(parse.Tokens.Select(t => t.Value).Concat(args));
        var stray = github ? Stray() : null;
        if (github)
        {
            // Before any other output, parse errors included, so not even an echoed argument shows the password.
            GitHubActions.MaskSecrets(CommandRunner.WorkflowCommandWriter(parse, console), parse.GetValue(CliOptions.Connection), getEnvironmentVariable,
                parse.GetResult(VerifyCommand.DevUrl)?.GetValueOrDefault<string?>(), stray);
        }

        if (parse.Errors.Count > 0)
        {
            stray ??= Stray();
            var messages = parse.Errors.Select(e => StrayConnections.Redact(e.Message, stray) + Suggestion(e.Message, parse, root)).ToList();
            return await UsageErrors.ReportAsync(messages, parse, console, getEnvironmentVariable).ConfigureAwait(false);
        }

        try
        {
            var exitCode = await parse.InvokeAsync(configuration, cancellation.Token).ConfigureAwait(false);
            // A fleet stopped by the signal says so itself: some tenants never started (exit 10).
            return signal != 0 && exitCode != ExitCodes.RunIncomplete ? signal : exitCode;
        }
        catch (OperationCanceledException) when (signal != 0)
        {
            // Commands that touch the database report their own cancellation; what reaches here changed nothing.
            await console.Error.WriteLineAsync("Cancelled: nothing was changed.").ConfigureAwait(false);
            return signal;
        }
    }

    // "Unrecognized command or argument 'stauts'." gets " Did you mean 'status'?" when a valid name is close.
    private static string Suggestion(string message, ParseResult parse, RootCommand root)
    {
        var typed = parse.UnmatchedTokens.FirstOrDefault(t => message.Contains($"'{t}'", StringComparison.Ordinal));
        return typed is not null && NearestName.For(typed, parse.CommandResult.Command, root) is { } nearest ? $" Did you mean '{nearest}'?" : "";
    }
}
