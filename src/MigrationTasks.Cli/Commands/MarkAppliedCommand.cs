using System.CommandLine;
using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;

namespace MigrationTasks.Cli.Commands;

/// <summary><c>migrations mark-applied V</c>: records one migration a person already applied by hand.</summary>
internal static class MarkAppliedCommand
{
    private static readonly Argument<string> Version = new("version") { Description = "The version of the migration to record as applied" };

    public static Command Create(CommandRunner runner)
    {
        var markApplied = new Command("mark-applied", "Record one migration as applied without running it (after it was applied by hand)")
        {
            Arguments = { Version },
            Options = { CliOptions.Force },
        };
        markApplied.SetAction((parse, ct) => runner.RunAsync(parse, new CommandTraits(Destructive: true), RunAsync, ct));
        return markApplied;
    }

    private static async Task<RunOutcome> RunAsync(CommandContext context)
    {
        var version = RunSettings.ParseVersion("version", context.Parse.GetValue(Version))
            ?? throw new MigrationRunException(RunOutcome.InvalidSetting, Diagnostic.Error(DiagnosticCodes.InvalidOption, "a version is required"));
        await context.Administration.MarkAppliedAsync(await context.Migrations.ConfigureAwait(false), version, context.CancellationToken).ConfigureAwait(false);
        return RunOutcome.Succeeded;
    }
}
