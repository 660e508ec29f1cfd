using System.CommandLine;
using MigrationTasks.Execution;
using MigrationTasks.Planning;

namespace MigrationTasks.Cli.Commands;

/// <summary>The `migrations` command tree: status, plan, up.</summary>
internal static class MigrationCommands
{
    public static RootCommand Create(CliConsole console, EnvironmentSettings environment)
    {
        var runner = new CommandRunner(console, environment);
        var root = new RootCommand("MigrationTasks: applies PostgreSQL SQL migrations safely (advisory lock, retry, one transaction per migration).")
        {
            Options = { CliOptions.Directory, CliOptions.Connection, CliOptions.Output, CliOptions.LockTimeout, CliOptions.Timeout },
        };

        var status = new Command("status", "Show applied and pending migrations and any problems") { Options = { CliOptions.FailOnPending, CliOptions.Bundle } };
        status.SetAction((parse, ct) => runner.RunAsync(parse, c => StatusAsync(c, parse.GetValue(CliOptions.FailOnPending), ct), ct));

        var plan = new Command("plan", "Show the pending migrations and their SQL in order; takes no lock and writes nothing") { Options = { CliOptions.Target, CliOptions.Bundle } };
        plan.SetAction((parse, ct) => runner.RunAsync(parse, c => PlanAsync(c, ct), ct));

        var up = new Command("up", "Apply the pending migrations") { Options = { CliOptions.Target, CliOptions.Bundle } };
        up.SetAction((parse, ct) => runner.RunAsync(parse, c => UpAsync(c, ct), ct, skipWhenDisabled: true));

        root.Subcommands.Add(status);
        root.Subcommands.Add(plan);
        root.Subcommands.Add(up);
        root.Subcommands.Add(HashCommand.Create(console));
        return root;
    }

    private static async Task<int> StatusAsync(CommandContext context, bool failOnPending, CancellationToken cancellationToken)
    {
        var plan = await context.Runner.PlanAsync(context.Migrations, null, cancellationToken).ConfigureAwait(false);
        context.Reporter.Status(plan);
        if (plan.HasFailedMigration)
        {
            return ExitCodes.RepairNeeded;
        }

        return plan.IsBlocked || (failOnPending && plan.Pending.Count > 0) ? ExitCodes.InvalidMigrations : ExitCodes.Success;
    }

    private static async Task<int> PlanAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var plan = await context.Runner.PlanAsync(context.Migrations, context.Settings.Target, cancellationToken).ConfigureAwait(false);
        context.Reporter.PlanPreview(plan);
        return plan.HasFailedMigration ? ExitCodes.RepairNeeded : plan.IsBlocked ? ExitCodes.InvalidMigrations : ExitCodes.Success;
    }

    private static async Task<int> UpAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (context.Environment.Flag(EnvironmentSettings.DryRun))
        {
            context.Reporter.Notice($"{EnvironmentSettings.DryRun} is set: showing the plan instead of applying it.");
            return await PlanAsync(context, cancellationToken).ConfigureAwait(false);
        }

        await context.Runner.UpAsync(context.Migrations, context.Settings.Target, cancellationToken).ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
