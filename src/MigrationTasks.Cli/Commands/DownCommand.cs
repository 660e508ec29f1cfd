using System.CommandLine;
using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;

namespace MigrationTasks.Cli.Commands;

/// <summary><c>migrations down</c>: reverts the latest migrations with their .down.sql files.</summary>
internal static class DownCommand
{
    public static Command Create(CommandRunner runner)
    {
        var down = new Command("down", "Revert the latest applied migration(s) with their .down.sql files, each in its own transaction")
        {
            Options = { CliOptions.Steps, CliOptions.Target, CliOptions.Force, CliOptions.Bundle, CliOptions.NoBackup },
        };
        down.SetAction((parse, ct) => runner.RunAsync(parse, new CommandTraits(Destructive: true, ChecksWhatWillRun: true), RunAsync, ct));
        return down;
    }

    private static async Task<RunOutcome> RunAsync(CommandContext context)
    {
        var steps = Steps(context) ?? 1;
        await context.Runner.DownAsync(context.Migrations, steps, context.Settings.Target, context.CancellationToken).ConfigureAwait(false);
        return RunOutcome.Succeeded;
    }

    /// <summary>--steps or --target, never both: together they could mean two different runs. Null when not given (down reverts 1, up applies all).</summary>
    public static int? Steps(CommandContext context)
    {
        var steps = context.Parse.GetValue(CliOptions.Steps);
        if (steps is not null && context.Settings.Target is not null)
        {
            throw new MigrationRunException(RunOutcome.InvalidSetting, Diagnostic.Error(DiagnosticCodes.InvalidOption, "pass either --steps or --target, not both"));
        }

        return steps switch
        {
            null => null,
            >= 1 => steps.Value,
            _ => throw new MigrationRunException(RunOutcome.InvalidSetting, Diagnostic.Error(DiagnosticCodes.InvalidOption, $"--steps must be between 1 and {int.MaxValue}, not {WholeNumber.Typed(context.Parse, CliOptions.Steps)}")),
        };
    }
}
