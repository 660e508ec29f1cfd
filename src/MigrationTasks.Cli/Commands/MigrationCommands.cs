using System.CommandLine;
using MigrationTasks.Cli.Fleets;
using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;
using MigrationTasks.Planning;

namespace MigrationTasks.Cli.Commands;

/// <summary>The `migrations` command tree: status, plan, up, and the lifecycle commands in their own files.</summary>
internal static class MigrationCommands
{
    public static RootCommand Create(CliConsole console, EnvironmentSettings environment)
    {
        var runner = new CommandRunner(console, environment);
        var root = new RootCommand("MigrationTasks: applies PostgreSQL and SQLite SQL migrations safely (advisory lock, retry, one transaction per migration).")
        {
            Options = { CliOptions.Directory, CliOptions.Format, CliOptions.Connection, CliOptions.Config, CliOptions.Environment, CliOptions.Output, CliOptions.LockTimeout, CliOptions.Timeout,
                Reporting.OutputLevels.Quiet, Reporting.OutputLevels.Verbose },
        };

        root.Options.OfType<VersionOption>().Single().Action = new VersionAction(console.Out);

        var status = new Command("status", "Show applied and pending migrations and any problems") { Options = { CliOptions.FailOnPending, CliOptions.Bundle } };
        status.SetAction((parse, ct) => runner.RunAsync(parse, new CommandTraits(ChecksWhatWillRun: true, ChangesNothing: true), c => StatusAsync(c, parse.GetValue(CliOptions.FailOnPending)), ct));

        var plan = new Command("plan", "Show the pending migrations (or, with --down, the reverts) and their SQL in order; takes no lock and writes nothing")
        {
            Options = { CliOptions.Target, CliOptions.Down, CliOptions.Steps, CliOptions.Bundle },
        };
        plan.SetAction((parse, ct) => runner.RunAsync(parse, new CommandTraits(ChecksWhatWillRun: true, ChangesNothing: true), PlanAsync, ct));

        var up = new Command("up", $"Apply the pending migrations ({EnvironmentSettings.DryRun}=true shows the plan instead; {EnvironmentSettings.Disabled}=true does nothing and exits 0)") { Options = { CliOptions.Target, CliOptions.Steps, CliOptions.Resume, CliOptions.Bundle, CliOptions.NoBackup, DriftCommand.CheckDrift, CliOptions.DryRun } };
        up.SetAction((parse, ct) => runner.RunAsync(parse, new CommandTraits(SkipWhenDisabled: true, ChecksWhatWillRun: true), UpAsync, ct));

        root.Subcommands.Add(status.WithFleetOptions());
        root.Subcommands.Add(plan.WithFleetOptions());
        root.Subcommands.Add(up.WithFleetOptions());
        root.Subcommands.Add(DownCommand.Create(runner).WithFleetOptions());
        root.Subcommands.Add(HashCommand.Create(runner));
        root.Subcommands.Add(BaselineCommand.Create(runner).WithFleetOptions());
        root.Subcommands.Add(ImportCommand.Create(runner).WithFleetOptions());
        root.Subcommands.Add(MarkAppliedCommand.Create(runner));
        root.Subcommands.Add(RepairCommand.Create(runner));
        root.Subcommands.Add(ConfigCommand.Create(runner));
        root.Subcommands.Add(LintCommand.Create(runner));
        root.Subcommands.Add(BackupsCommand.Create(runner));
        root.Subcommands.Add(BackupsCommand.CreateSnapshot(runner));
        root.Subcommands.Add(DriftCommand.Create(runner).WithFleetOptions());
        root.Subcommands.Add(DumpCommand.Create(runner).WithFleetOptions());
        root.Subcommands.Add(VerifyCommand.Create(runner));
        root.Subcommands.Add(NewCommand.Create(runner));
        root.Subcommands.Add(InitCommand.Create(runner));
        return root;
    }

    private static async Task<RunOutcome> StatusAsync(CommandContext context, bool failOnPending)
    {
        var plan = await context.Runner.PlanAsync(context.Migrations, null, context.CancellationToken).ConfigureAwait(false);
        context.Reporter.Status(plan);
        var outcome = RunOutcomes.OfProblems(plan.Problems);
        return outcome == RunOutcome.Succeeded && failOnPending && plan.Pending.Count > 0 ? RunOutcome.InvalidMigrations : outcome;
    }

    // The same outcome as `up` and `down` would report for the same problems: an unknown --target is a usage error in all three.
    private static async Task<RunOutcome> PlanAsync(CommandContext context)
    {
        if (context.Parse.GetValue(CliOptions.Down))
        {
            var downPlan = await context.Runner.PlanDownAsync(context.Migrations, Steps(context) ?? 1, context.Settings.Target, context.CancellationToken).ConfigureAwait(false);
            context.Reporter.DownPreview(downPlan);
            return RunOutcomes.OfProblems(downPlan.Problems);
        }

        var plan = await context.Runner.PlanAsync(context.Migrations, context.Settings.Target, context.CancellationToken, steps: Steps(context)).ConfigureAwait(false);
        context.Reporter.PlanPreview(plan);
        return RunOutcomes.OfProblems(plan.Problems);
    }

    private static async Task<RunOutcome> UpAsync(CommandContext context)
    {
        if (context.Parse.GetValue(CliOptions.DryRun) || context.Environment.Flag(EnvironmentSettings.DryRun))
        {
            var why = context.Parse.GetValue(CliOptions.DryRun) ? "--dry-run is given" : $"{EnvironmentSettings.DryRun} is set";
            context.Reporter.Notice($"{why}: showing the plan instead of applying it.");
            return await PlanAsync(context).ConfigureAwait(false);
        }

        await context.Runner.UpAsync(context.Migrations, context.Settings.Target, context.CancellationToken, context.Parse.GetValue(CliOptions.Resume),
            DriftCommand.CheckDriftRequested(context), Steps(context)).ConfigureAwait(false);
        // An empty folder is a deployment that silently applies nothing (a wrong --dir, a folder left out of the image): say so, and still succeed.
        if (context.Parse.GetValue(CliOptions.Bundle) is null && (await context.Migrations.ConfigureAwait(false)).Migrations.Count == 0)
        {
            context.Reporter.Problems([Files.FolderNameCheck.Check(context.Settings.Directory, 0)!]);
        }

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
