using MigrationTasks.Cli.Commands;
using MigrationTasks.Cli.GitHub;
using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;
using MigrationTasks.Fleets;
using MigrationTasks.Postgres.Fleets;
using MigrationTasks.Postgres.Locking;

namespace MigrationTasks.Cli.Fleets;

/// <summary>
/// A database command run over a fleet: the migrations are read and checked once, the tenants listed
/// and checked once, then <see cref="FleetRunner"/> runs the command's body per tenant of this shard.
/// A signal stops starting tenants and lets those running finish within their timeout. Exit code:
/// 0 when every tenant succeeded (or was skipped because another process held its lock), the failed
/// tenants' code when any failed, <see cref="ExitCodes.RunIncomplete"/> when some never started.
/// </summary>
internal sealed class FleetRun(CliConsole console, EnvironmentSettings environment)
{
    private readonly Lock _print = new();

    public async Task<int> RunAsync(CommandContext context, FleetSettings fleet, CommandTraits traits,
        Func<CommandContext, Task<RunOutcome>> body, CancellationToken stopStarting)
    {
        if (traits.Destructive)
        {
            ProtectedEnvironment.Check(context);
        }

        var settings = RunSettings.Resolve(context.Parse, environment, context.Effective, Reporting.Terminal.Unattended);
        if (settings.Engine is not PostgresEngine { Settings: var postgres })
        {
            throw new MigrationRunException(RunOutcome.InvalidSetting, Diagnostic.Error(DiagnosticCodes.InvalidOption,
                "a fleet runs over PostgreSQL databases and schemas; a SQLite file is one database, so run without the --tenants-* options"));
        }

        // The tenants of the fleet's database share one session for their migration locks (opened when first needed).
        await using var locks = new FleetLockSession(postgres);
        CheckReportPath(fleet.ReportPath);
        // Bad files are everyone's problem: refused once, before any tenant, rather than once per tenant.
        var (migrations, rootHash) = await CommandRunner.LoadMigrationsAsync(context.Dialect, context.Parse.GetValue(CliOptions.Bundle), context.Effective, deferChecks: false, stopStarting).ConfigureAwait(false);
        var set = await migrations.ConfigureAwait(false);
        if (set.Diagnostics.Any(d => d.IsError))
        {
            throw new MigrationRunException(RunOutcome.InvalidMigrations, set.Diagnostics.Where(d => d.IsError).ToList());
        }

        // Tenants in the fleet's database take turns on kept work sessions rather than each connecting anew.
        await using var sessions = FleetSessions.CanServe(set) ? new FleetSessions(postgres) : null;
        postgres = postgres with { FleetLocks = locks, FleetSessions = sessions };
        var tenants = TenantList.Check(await FleetTenants.ReadAsync(fleet.Tenants, postgres, stopStarting).ConfigureAwait(false), fleet.Tenants.AllowEmpty, fleet.Tenants.Name);
        TenantSettings.CheckSchemas(tenants, fleet.Tenants.Name);
        FleetSettings.CheckCanaries(fleet.Schedule.Canaries, tenants, fleet.Tenants.Name);
        if (GitHubActions.Detect(environment.Get) is not null)
        {
            FleetTenants.MaskSecrets(CommandRunner.WorkflowCommandWriter(context.Parse, console), fleet.Tenants, tenants);
        }
        var json = context.Parse.GetValue(CliOptions.Output) == "json";
        var run = new TenantRun(context, settings, postgres, migrations, rootHash, body);
        var result = await FleetRunner.RunAsync(tenants, fleet.Shard, fleet.Schedule, async tenant =>
        {
            var (tenantResult, output, error) = await run.RunAsync(tenant).ConfigureAwait(false);
            Print(FleetSummary.Block(tenantResult, fleet.Shard, output, json), error);
            return tenantResult;
        }, stopStarting).ConfigureAwait(false);

        var exitCode = ExitCodeOf(result);
        Finish(context, fleet, result, exitCode, json);
        return exitCode;
    }

    // A report that cannot be written is found out before any tenant runs, not after all of them did. Only an
    // earlier report (emptied, so a run that dies leaves no stale one) or an empty file is replaced: --report naming
    // the tenants file, a migration or migrations.yaml by mistake must not empty it.
    private static void CheckReportPath(string? path)
    {
        if (path is null)
        {
            return;
        }

        try
        {
            if (!ReplaceableFile.MayReplace(path, IsReport))
            {
                throw InvalidReport($"--report '{path}' is a file that is not a fleet report, and was left as it is; name a new file (or an earlier report) for the report");
            }

            File.WriteAllText(path, "");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw InvalidReport($"--report '{path}' cannot be written: {e.Message.TrimEnd('.')}; pass a path in a writable folder");
        }
    }

    // The report's totals and the "tenants" key come before the tenants themselves (FleetReportDocument), so they are in the head.
    private static bool IsReport(string head) =>
        head.StartsWith('{') && head.Contains("\"exit_code\":", StringComparison.Ordinal) && head.Contains("\"tenants\":", StringComparison.Ordinal);

    private static MigrationRunException InvalidReport(string message) =>
        new(RunOutcome.InvalidSetting, Diagnostic.Error(DiagnosticCodes.InvalidFleetOption, message));

    // Failures that agree on their outcome keep its exit code (all unreachable: 5); mixed ones are 6, a failed migration.
    private static int ExitCodeOf(FleetResult result)
    {
        if (result.Incomplete)
        {
            return ExitCodes.RunIncomplete;
        }

        var failed = result.Tenants.Where(t => t.Status == TenantStatus.Failed).Select(t => t.Outcome).Distinct().ToList();
        return failed.Count == 0 ? ExitCodes.Success
            : failed.Count > 1 ? ExitCodes.MigrationFailed
            : failed[0] is { } outcome ? ExitCodes.Of(outcome) : ExitCodes.InternalError;
    }

    private void Finish(CommandContext context, FleetSettings fleet, FleetResult result, int exitCode, bool json)
    {
        var command = context.Parse.CommandResult.Command.Name;
        if (result.Incomplete)
        {
            context.Reporter.Problems([Diagnostic.Error(DiagnosticCodes.FleetIncomplete,
                $"the run stopped before every tenant started ({result.Count(TenantStatus.NotStarted)} not started: a canary failed, the failure limit was reached, or the run was stopped); fix the failed tenants and run again: tenants already up to date are a no-op")]);
        }

        if (!json)
        {
            context.Reporter.Notice(FleetSummary.Line(result));
        }

        var report = FleetReportDocument.Of(command, result, exitCode);
        if (fleet.ReportPath is { } path)
        {
            report.Write(path);
        }

        if (GitHubActions.Detect(environment.Get)?.SummaryFile is { } summary)
        {
            File.AppendAllText(summary, FleetSummary.Markdown(command, result));
        }
    }

    // A tenant's block is printed whole, so tenants finishing at once never interleave their lines.
    private void Print(string output, string error)
    {
        lock (_print)
        {
            console.Out.Write(output);
            console.Error.Write(error);
            console.Out.Flush();
        }
    }
}
