using System.CommandLine;
using MigrationTasks.Execution;
using MigrationTasks.Files;

namespace MigrationTasks.Cli.Commands;

/// <summary><c>migrations repair</c>: clears failed rows, and accepts edited checksums one version at a time.</summary>
internal static class RepairCommand
{
    private static readonly Option<string[]> AcceptChecksum = new("--accept-checksum")
    {
        Description = "Re-record the checksum of this applied migration whose file was edited on purpose (repeat for each version)",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static Command Create(CommandRunner runner)
    {
        var repair = new Command("repair", "Clear failed migrations once the database has been fixed by hand; optionally accept edited checksums")
        {
            Options = { AcceptChecksum, CliOptions.Force },
        };
        repair.SetAction((parse, ct) => runner.RunAsync(parse, new CommandTraits(Destructive: true), RunAsync, ct));
        return repair;
    }

    private static async Task<RunOutcome> RunAsync(CommandContext context)
    {
        var versions = (context.Parse.GetValue(AcceptChecksum) ?? [])
            .Select(v => RunSettings.ParseVersion("--accept-checksum", v)!.Value)
            .ToList<MigrationVersion>();
        await context.Administration.RepairAsync(await context.Migrations.ConfigureAwait(false), versions, context.CancellationToken).ConfigureAwait(false);
        return RunOutcome.Succeeded;
    }
}
