using System.CommandLine;
using System.Reflection;
using MigrationTasks.Bundles;
using MigrationTasks.Cli.GitHub;
using MigrationTasks.Cli.Reporting;
using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;
using MigrationTasks.Files;
using MigrationTasks.Postgres;
using MigrationTasks.Postgres.Connections;
using MigrationTasks.Dialects;

namespace MigrationTasks.Cli.Commands;

/// <summary>
/// The one pipeline every command runs through: reporter, settings, the protected-environment guard, the
/// database when the command needs one, and the turn of expected failures into outcomes and of outcomes
/// into exit codes (<see cref="ExitCodes.Of"/>). Only unexpected exceptions become exit 1.
/// </summary>
internal sealed class CommandRunner(CliConsole console, EnvironmentSettings environment)
{
    public static readonly string ToolVersion =
        typeof(CommandRunner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private static readonly TimeSpan DeadlineGrace = TimeSpan.FromSeconds(2);

    private Terminal? _terminal;

    /// <summary>Whether a person watches this run (decided once; a bad MIGRATION_INTERACTIVE is the command's usage error).</summary>
    public Terminal Terminal => _terminal ??= Terminal.Detect(environment, console.InputIsTerminal, console.OutputIsTerminal);

    public IReporter CreateReporter(ParseResult parse)
    {
        var reporter = CreateReporter(parse, console, OnlyLooks(parse), OutputLevels.ResolveOrNormal(parse, environment), LiveLineFor(parse));
        return GitHubActions.Detect(environment.Get) is { } actions
            ? new GitHubReporter(reporter, WorkflowCommandWriter(parse, console), actions)
            : reporter;
    }

    public async Task<int> RunAsync(ParseResult parse, CommandTraits traits, Func<CommandContext, Task<RunOutcome>> body, CancellationToken cancellationToken)
    {
        var reporter = CreateReporter(parse);
        var progress = new RunProgress(reporter);
        var exitCode = await RunAsync(parse, progress, traits, body, cancellationToken).ConfigureAwait(false);
        progress.Flush();
        // In a GitHub Actions step every command writes its exit-code output and its summary.
        (reporter as GitHubReporter)?.Complete(parse.CommandResult.Command.Name, exitCode);
        return exitCode;
    }

    /// <summary>
    /// Where GitHub workflow commands go. The runner reads them from stdout and stderr alike; with
    /// --output json they go to stderr so stdout stays one JSON object per line.
    /// </summary>
    public static TextWriter WorkflowCommandWriter(ParseResult parse, CliConsole console) => WorkflowCommandWriter(parse.GetValue(CliOptions.Output) == "json", console);

    public static TextWriter WorkflowCommandWriter(bool json, CliConsole console)
    {
        var writer = json ? console.Error : console.Out;
        return writer is CommandProofWriter proof ? proof.Commands : writer;
    }

    private async Task<int> RunAsync(ParseResult parse, RunProgress reporter, CommandTraits traits, Func<CommandContext, Task<RunOutcome>> body, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        RunSettings? settings = null;
        try
        {
            // Checked before anything else: a deployment that disables migrations may not configure a database at all.
            if (traits.SkipWhenDisabled && environment.Flag(EnvironmentSettings.Disabled))
            {
                reporter.Notice($"{EnvironmentSettings.Disabled} is set: migrations are disabled, nothing was done.");
                return ExitCodes.Success;
            }

            // Resolved again here only to report a bad value as the command's usage error (the reporter was built with Normal then).
            OutputLevels.Resolve(parse, environment);
            _ = Terminal;
            var context = new CommandContext(EffectiveSettings.Resolve(parse, environment), reporter, environment, parse);
            if (!traits.NeedsDatabase)
            {
                // On the thread pool, so a signal ends the wait even if a read is stuck in the kernel (a file system that stopped answering);
                // a body with something to undo (verify's scratch database) is waited for, or a signal would leave it behind.
                var run = Task.Run(() => body(context with { CancellationToken = cancellationToken }), cancellationToken);
                return ExitCodes.Of(await (traits.UndoesOnCancel ? run : run.WaitAsync(cancellationToken)).ConfigureAwait(false));
            }

            if (Fleets.FleetSettings.Resolve(parse, context.Effective, environment, traits) is { } fleet)
            {
                // The signal only stops starting tenants; each tenant runs under its own deadline.
                return await new Fleets.FleetRun(console, environment).RunAsync(context, fleet, traits, body, cancellationToken).ConfigureAwait(false);
            }

            var database = await DatabaseWorkAsync(parse, traits, context.Effective, reporter, deadline).ConfigureAwait(false);
            settings = database.Settings;
            context = context with { Database = database, CancellationToken = deadline.Token };
            if (traits.Destructive)
            {
                ProtectedEnvironment.Check(context);
            }

            // The deadline token reaches every database call, so a timeout cancels the server statement rather than abandoning it.
            return ExitCodes.Of(await body(context).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested && settings is not null)
        {
            reporter.Problems([Diagnostic.Error(DiagnosticCodes.RunTimedOut,
                $"the run did not finish within the overall timeout of {settings.Timeout.TotalSeconds:0} s; the running statement was cancelled and its transaction rolled back. Raise MIGRATION_TIMEOUT or --timeout")]);
            return ExitCodes.Of(RunOutcome.TimedOut);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // SIGINT/SIGTERM: the runner has already rolled back, written the audit row and released the lock, if it
            // got that far; before the lock (connecting, waiting for it, reading files) there is nothing to undo.
            reporter.Notice(traits.UndoesOnCancel ? "Cancelled: what the command had made was undone; no other database was touched."
                : !traits.NeedsDatabase ? "Cancelled: no database was touched."
                : CancelledOutsideTransaction(parse, reporter.Running) is { } notice ? notice
                : reporter.LockTaken ? "Cancelled: the running statement was cancelled on the server, its transaction rolled back and the lock released."
                : "Cancelled before any migration started: nothing was applied and no migration lock was held.");
            return ExitCodes.Of(RunOutcome.Cancelled);
        }
        catch (MigrationRunException e)
        {
            // A failed migration was already reported, with its excerpt, by the event that announced it.
            if (e.InnerException is not MigrationFailedException)
            {
                reporter.Problems(e.Diagnostics);
            }

            if (e.Outcome == RunOutcome.DatabaseUnreachable && settings is not null && ConnectBudget.IsShort(parse.CommandResult.Command.Name, settings.Effective.Timeout, Terminal))
            {
                reporter.Notice($"Gave up connecting after {ConnectBudget.Short.TotalSeconds:0} s because a person is waiting at this terminal; unattended runs (CI, containers) retry " +
                    $"until the timeout. Pass --timeout (or {EnvironmentSettings.Timeout}) to wait longer here.");
            }

            return ExitCodes.Of(e.Outcome);
        }
        catch (ConnectionStringException e)
        {
            reporter.Problems([Diagnostic.Error(DiagnosticCodes.InvalidConnection, e.Message)]);
            return ExitCodes.Of(RunOutcome.InvalidSetting);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Unexpected: say what it was, without a stack trace a pipeline log would bury the message under.
            reporter.Problems([Diagnostic.Error(DiagnosticCodes.InternalError,
                $"internal error: {e.GetType().Name}: {e.Message}. This is a bug or an unexpected database state; please report it with this message")]);
            return ExitCodes.InternalError;
        }
    }

    // A no-transaction script keeps the statements it finished and a 'failed' row: saying "rolled back" would send
    // the user to a plain rerun that MT2004 then refuses.
    private static string? CancelledOutsideTransaction(ParseResult parse, Migration? running)
    {
        var reverting = parse.CommandResult.Command.Name == "down";
        if (running is null || (reverting ? running.Down : running.Up)?.Directives.IsTransactional != false)
        {
            return null;
        }

        var next = reverting
            ? $"finish or undo the revert by hand, then run {NextStep.Repair}"
            : $"check the database, then run {NextStep.Resume} to continue at the cancelled statement, or fix it by hand and run {NextStep.Repair}";
        return CommandSteps.Instance.Fill($"Cancelled: {running.DisplayName} runs outside a transaction, so the statements it finished stay applied and its history row is 'failed'; " +
            $"the lock was released. Next: {next}.");
    }

    // Connecting retries until the same timeout and then reports the unreachable server itself (exit 5, MT3002,
    // with the last error); the grace lets that clearer message win the race with the deadline.
    private async Task<DatabaseWork> DatabaseWorkAsync(ParseResult parse, CommandTraits traits, EffectiveSettings effective, RunProgress reporter, CancellationTokenSource deadline)
    {
        if (effective.Timeout.Value != TimeSpan.Zero)
        {
            // 0 is "no limit": only a signal ends the run.
            deadline.CancelAfter(effective.Timeout.Value + DeadlineGrace);
        }

        // The files are read while the connection settings are parsed (Npgsql's first use costs milliseconds).
        var dialect = DialectOf(parse, effective, environment);
        var (migrations, bundleRootHash) = await LoadMigrationsAsync(dialect, parse.GetValue(CliOptions.Bundle), effective, traits.ChecksWhatWillRun, deadline.Token).ConfigureAwait(false);
        var settings = RunSettings.Resolve(parse, environment, effective, Terminal);
        var provider = Databases.DatabaseProviders.Create(settings);
        var context = settings.ApplyContext(ToolVersion) with { BundleRootHash = bundleRootHash, RecordSchema = DriftCommand.RecordSchema(environment) };
        // Every event names its target, so the same reporters could serve several databases in one run.
        var observer = new TargetedObserver(reporter, settings.RunTarget);
        return new DatabaseWork(settings, migrations, new MigrationRunner(provider, observer, context), new HistoryAdministration(provider, observer, context));
    }

    /// <summary>The dialect the files are read with: migrations.yaml's 'engine:', else the connection's, else PostgreSQL's.</summary>
    public static IMigrationDialect DialectOf(ParseResult parse, EffectiveSettings effective, EnvironmentSettings environment) =>
        Databases.DatabaseProviders.DialectFor(effective.Engine.Value, () => ConnectionSource.Resolve(parse.GetValue(CliOptions.Connection), environment.Get));

    /// <summary>A reporter for a fleet tenant's run: as the command's own, status and plan only looking.</summary>
    public static IReporter CreateReporter(ParseResult parse, CliConsole console, EnvironmentSettings environment) =>
        CreateReporter(parse, console, parse.CommandResult.Command.Name is "status" or "plan", OutputLevels.ResolveOrNormal(parse, environment));

    private static IReporter CreateReporter(ParseResult parse, CliConsole console, bool onlyLooks, OutputLevel level, LiveLine? live = null) =>
        parse.GetValue(CliOptions.Output) == "json" ? new JsonReporter(console.Out) : new ConsoleReporter(console.Out, console.Error, readOnly: onlyLooks, level, live);

    // Live progress is for a person watching up or down in text; a bad MIGRATION_INTERACTIVE is reported by the pipeline, and means plain lines here.
    private LiveLine? LiveLineFor(ParseResult parse)
    {
        try
        {
            var terminal = Terminal;
            return terminal.LiveOutput && parse.CommandResult.Command.Name is "up" or "down" && parse.GetValue(CliOptions.Output) != "json" && !OnlyLooks(parse)
                ? new LiveLine(console.Out, TimeProvider.System, terminal.Color)
                : null;
        }
        catch (MigrationRunException)
        {
            return null;
        }
    }

    // status and plan only look, and so does an up that a dry run turns into a plan: none of them is "Applying".
    private bool OnlyLooks(ParseResult parse) =>
        parse.CommandResult.Command.Name is "status" or "plan" || (parse.CommandResult.Command.Name == "up" && (parse.GetValue(CliOptions.DryRun) || DryRunAsked()));

    // A mistyped value is the command's own usage error (exit 2), reported inside the pipeline; here it only picks the wording.
    private bool DryRunAsked()
    {
        try
        {
            return environment.Flag(EnvironmentSettings.DryRun);
        }
        catch (MigrationRunException)
        {
            return false;
        }
    }

    // A bundle is verified before anything connects: tampering is exit 3 naming the file, and the
    // root hash of what was verified is recorded with every migration applied from it. A folder is
    // read while the runner connects (checked then, or once the history is read when deferChecks; the runner
    // refuses bad files before writing), on threads of its own and every core: the operating system shares
    // them with the connection (ReaderThreads).
    // The layout of a bundle is in its manifest; --format and 'format:' are for folders.
    internal static async Task<(Task<MigrationSet> Migrations, string? BundleRootHash)> LoadMigrationsAsync(
        IMigrationDialect dialect, string? bundle, EffectiveSettings settings, bool deferChecks, CancellationToken cancellationToken)
    {
        if (bundle is null)
        {
            // WaitAsync: whoever awaits the files stops waiting when the run is cancelled, even if a read is stuck.
            var (directory, layout) = (settings.Directory.Value, settings.Layout.Value);
            // A thread of its own, not the pool's: the first use of the pool starts a worker and the pool's gate thread,
            // and the caller spins until each runs, which delayed the connect behind them.
            return (Task.Factory.StartNew(() => MigrationDirectory.Load(dialect, directory, -1, layout, deferChecks, cancellationToken), cancellationToken,
                    TaskCreationOptions.LongRunning, TaskScheduler.Default)
                .WaitAsync(cancellationToken), null);
        }

        // Linted later by the runner, pending migrations only, like a folder.
        var verified = await Task.Run(() => BundleVerifier.Verify(dialect, bundle, cancellationToken), cancellationToken)
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        return verified.HasErrors
            ? throw new MigrationRunException(RunOutcome.InvalidMigrations, verified.Diagnostics.Where(d => d.IsError).ToList())
            : (Task.FromResult(verified.Migrations), verified.RootHash);
    }
}
