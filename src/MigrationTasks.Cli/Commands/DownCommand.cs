using System.CommandLine;
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
        var steps = MigrationCommands.Steps(context) ?? 1;
        await context.Runner.DownAsync(context.Migrations, steps, context.Settings.Target, context.CancellationToken).ConfigureAwait(false);
        return RunOutcome.Succeeded;
    }
}
