using System.CommandLine;
using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;

namespace MigrationTasks.Cli.Commands;

/// <summary><c>migrations baseline --version V</c>: adopts a database that predates the tool.</summary>
internal static class BaselineCommand
{
    private static readonly Option<string> Version = new("--version")
    {
        Description = "The last migration the database already has; it and every earlier one are recorded as applied without running",
        Required = true,
    };

    public static Command Create(CommandRunner runner)
    {
        var baseline = new Command("baseline", "Record every migration up to --version as applied without running it (only while the history is empty)")
        {
            Options = { Version, CliOptions.Force },
        };
        baseline.SetAction((parse, ct) => runner.RunAsync(parse, new CommandTraits(Destructive: true), RunAsync, ct));
        return baseline;
    }

    private static async Task<RunOutcome> RunAsync(CommandContext context)
    {
        var version = RunSettings.ParseVersion("--version", context.Parse.GetValue(Version))
            ?? throw new MigrationRunException(RunOutcome.InvalidSetting, Diagnostic.Error(DiagnosticCodes.InvalidOption, "--version is required"));
        await ImportCommand.WarnOfForeignHistoryAsync(context).ConfigureAwait(false);
        await context.Administration.BaselineAsync(await context.Migrations.ConfigureAwait(false), version, context.CancellationToken).ConfigureAwait(false);
        return RunOutcome.Succeeded;
    }
}
