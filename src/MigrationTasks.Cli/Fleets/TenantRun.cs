using System.Diagnostics;
using MigrationTasks.Cli.Commands;
using MigrationTasks.Cli.Reporting;
using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;
using MigrationTasks.Files;
using MigrationTasks.Fleets;
using MigrationTasks.Postgres.Connections;

namespace MigrationTasks.Cli.Fleets;

/// <summary>
/// One tenant's turn of a fleet run: the command's own body on the tenant's connection, schema and
/// history, through the same runner as a single-target run. Its output is kept until it ends, so
/// tenants running at once print whole blocks; every failure becomes the tenant's result, never an
/// exception that would stop the other tenants.
/// </summary>
internal sealed class TenantRun(CommandContext fleet, RunSettings fleetSettings, Postgres.PostgresSettings fleetPostgres, Task<MigrationSet> migrations, string? bundleRootHash, Func<CommandContext, Task<RunOutcome>> body)
{
    private static readonly TimeSpan DeadlineGrace = TimeSpan.FromSeconds(2);

    public async Task<(TenantResult Result, string Output, string Error)> RunAsync(Tenant tenant)
    {
        var started = Stopwatch.GetTimestamp();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var reporter = new RunProgress(CommandRunner.CreateReporter(fleet.Parse, new CliConsole(output, error), fleet.Environment));
        var progress = new TenantProgress(reporter);
        // The timeout is each tenant's: a fleet of a thousand takes longer than one database may.
        using var deadline = new CancellationTokenSource();
        if (fleetSettings.Timeout != TimeSpan.Zero)
        {
            deadline.CancelAfter(fleetSettings.Timeout + DeadlineGrace);
        }

        RunOutcome? outcome;
        string? problem = null;
        try
        {
            var settings = fleetSettings with
            {
                // Tried once: a tenant another process is migrating is that process's, reported skipped (locked).
                Engine = new PostgresEngine(Databases.DatabaseProviders.ForTenant(fleetPostgres, tenant) with { LockTimeout = TimeSpan.Zero }),
            };
            var provider = Databases.DatabaseProviders.Create(settings);
            var apply = settings.ApplyContext(CommandRunner.ToolVersion) with { BundleRootHash = bundleRootHash, RecordSchema = DriftCommand.RecordSchema(fleet.Environment) };
            var observer = new TargetedObserver(progress, settings.RunTarget);
            var work = new DatabaseWork(settings, migrations, new MigrationRunner(provider, observer, apply), new HistoryAdministration(provider, observer, apply));
            outcome = await body(fleet with { Reporter = reporter, Database = work, CancellationToken = deadline.Token }).ConfigureAwait(false);
        }
        catch (MigrationRunException e)
        {
            // A failed migration was already reported, with its excerpt, by the event that announced it.
            if (e.InnerException is not MigrationFailedException)
            {
                reporter.Problems(e.Diagnostics);
            }

            (outcome, problem) = (e.Outcome, e.Diagnostics.FirstOrDefault(d => d.IsError)?.Message is { } message ? CommandSteps.Instance.Fill(message) : null);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            problem = $"the tenant's run did not finish within the timeout of {fleetSettings.Timeout.TotalSeconds:0} s; the running statement was cancelled and its transaction rolled back";
            reporter.Problems([Diagnostic.Error(DiagnosticCodes.RunTimedOut, problem)]);
            outcome = RunOutcome.TimedOut;
        }
        catch (ConnectionStringException e)
        {
            reporter.Problems([Diagnostic.Error(DiagnosticCodes.InvalidConnection, e.Message)]);
            (outcome, problem) = (RunOutcome.InvalidSetting, e.Message);
        }
#pragma warning disable CA1031 // One tenant's bug must not abandon the others mid-run; it is reported as an internal error.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            problem = $"internal error: {e.GetType().Name}: {e.Message}. This is a bug or an unexpected database state; please report it with this message";
            reporter.Problems([Diagnostic.Error(DiagnosticCodes.InternalError, problem)]);
            outcome = null;
        }

        var status = outcome switch
        {
            RunOutcome.Succeeded => TenantStatus.Succeeded,
            RunOutcome.LockNotAcquired => TenantStatus.SkippedLocked,
            _ => TenantStatus.Failed,
        };
        var result = new TenantResult(tenant, status, outcome)
        {
            FromVersion = progress.FromVersion,
            ToVersion = progress.ToVersion,
            Applied = progress.Changed,
            Duration = Stopwatch.GetElapsedTime(started),
            Error = status switch
            {
                TenantStatus.SkippedLocked => "another process holds this tenant's migration lock",
                // drift returns its outcome rather than throwing: its finding is the tenant's error.
                TenantStatus.Failed => problem ?? progress.Finding,
                _ => problem,
            },
        };
        reporter.Flush();
        return (result, output.ToString(), error.ToString());
    }
}
