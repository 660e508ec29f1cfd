using System.Diagnostics;
using MigrationTasks.Diagnostics;
using MigrationTasks.Files;
using MigrationTasks.Lint;
using MigrationTasks.Planning;

namespace MigrationTasks.Execution;

/// <summary>
/// The engine's path to a database for up and down: validate files, connect, lock, read history,
/// plan, apply or revert each migration in order, audit, unlock. Front-ends call this and render its events.
/// </summary>
public sealed class MigrationRunner(IMigrationDatabaseProvider provider, IRunObserver observer, ApplyContext context)
{
    /// <summary>Compares files with history without taking the lock or writing anything.</summary>
    /// <remarks>
    /// Read-only, so lint findings of pending migrations do not stop it: they are added to the plan's
    /// problems, printed beside it, and the caller's exit code follows them.
    /// </remarks>
    /// <param name="steps">At most this many of the pending migrations, the first in order (<c>up --steps</c>); null for all.</param>
    public async Task<Plan> PlanAsync(Task<MigrationSet> migrations, MigrationVersion? target, CancellationToken cancellationToken, bool resume = false, int? steps = null)
    {
        var (set, database, history, findings) = await LoadAndOpenAsync(migrations, cancellationToken, refuseUnsafe: false).ConfigureAwait(false);
        await using var _ = database.ConfigureAwait(false);
        var plan = Planner.Create(set.Migrations, history, target, resume, steps);
        plan = plan with { Problems = [.. plan.Problems, .. findings] };
        observer.On(new PlanReadyEvent(plan));
        return plan;
    }

    /// <summary>What <c>down</c> would revert, without taking the lock or writing anything; lint findings are added to its problems.</summary>
    public async Task<DownPlan> PlanDownAsync(Task<MigrationSet> migrations, int steps, MigrationVersion? target, CancellationToken cancellationToken)
    {
        var (set, database, history, findings) = await LoadAndOpenAsync(migrations, cancellationToken, refuseUnsafe: false, reverting: true).ConfigureAwait(false);
        await using var _ = database.ConfigureAwait(false);
        var plan = DownPlanner.Create(set.Migrations, history, steps, target);
        plan = plan with { Problems = [.. plan.Problems, .. findings] };
        observer.On(new DownPlanReadyEvent(plan));
        return plan;
    }

    /// <summary>Applies the pending migrations up to <paramref name="target"/>; returns how many were applied.</summary>
    /// <param name="checkDrift">Refuse to apply onto a schema changed outside the migrations (<see cref="Schema.DriftCheck"/>).</param>
    /// <param name="steps">Apply at most this many of the pending migrations, the first in order; null for all.</param>
    public async Task<int> UpAsync(Task<MigrationSet> migrations, MigrationVersion? target, CancellationToken cancellationToken, bool resume = false, bool checkDrift = false, int? steps = null)
    {
        var clock = Stopwatch.StartNew();
        var (set, database, history, _) = await LoadAndOpenAsync(migrations, cancellationToken).ConfigureAwait(false);
        await using var _ = database.ConfigureAwait(false);

        // Cheap check before queueing for the lock: a runner that finds nothing to do never waits.
        var plan = Planner.Create(set.Migrations, history, target, resume, steps);
        if (!MayBeInProgress(plan))
        {
            ThrowIfBlocked(plan);
        }

        if (plan.Pending.Count == 0 && !plan.IsBlocked)
        {
            observer.On(new PlanReadyEvent(plan));
            observer.On(new RunCompletedEvent(0, clock.Elapsed));
            return 0;
        }

        return await AuditedRun.UnderLockAsync(database, context, observer, "up", async trail =>
        {
            // Another runner may have applied some while we waited: plan again under the lock.
            history = await database.ReadHistoryAsync(cancellationToken).ConfigureAwait(false);
            plan = Planner.Create(set.Migrations, history, target, resume, steps);
            ThrowIfBlocked(plan);
            if (checkDrift)
            {
                await Schema.DriftCheck.RefuseDriftAsync(database, observer, set.Migrations, cancellationToken).ConfigureAwait(false);
            }

            observer.On(new PlanReadyEvent(plan));

            var pending = plan.Pending;
            // Only what ends the run records the schema (docs/drift.md): a catalog read per batch would cost a
            // quarter of `up` of a thousand new tables. A rolled-back failure records it on the last applied row.
            ApplySettings RecordingAt(int end) => context.Apply with { RecordSchema = context.RecordSchema && end == pending.Count };
            try
            {
                for (var next = 0; next < pending.Count;)
                {
                    var run = PipelinedRun(pending, next, plan.Resume?.Migration);
                    if (run.Count > 1)
                    {
                        next += await ApplyRunAsync(database, run, trail, RecordingAt(next + run.Count), cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    var migration = pending[next++];
                    trail.Versions.Add(migration.VersionText);
                    var firstStatement = plan.Resume?.Migration == migration ? plan.Resume.Statement : 0;
                    await ApplyOneAsync(database, migration, firstStatement, null, RecordingAt(next), cancellationToken).ConfigureAwait(false);
                }
            }
            catch (MigrationRunException e) when (e.Outcome == RunOutcome.RolledBack && context.RecordSchema)
            {
                await Schema.DriftCheck.RecordAfterFailureAsync(database, observer).ConfigureAwait(false);
                throw;
            }

            observer.On(new RunCompletedEvent(pending.Count, clock.Elapsed));
            return pending.Count;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Compares the live schema with the one recorded in the history, under the lock (<see cref="Schema.DriftCheck"/>).</summary>
    /// <param name="migrations">The files, read only to name the recorded migration as they spell its version.</param>
    public Task<IReadOnlyList<Schema.SchemaDifference>> DriftAsync(Task<MigrationSet>? migrations, CancellationToken cancellationToken) =>
        new Schema.DriftCheck(provider, observer).RunAsync(migrations, cancellationToken);

    /// <summary>The live schema's fingerprint, without the lock: reading the catalog changes nothing.</summary>
    public async Task<Schema.SchemaFingerprint> ReadSchemaAsync(CancellationToken cancellationToken)
    {
        var database = await provider.OpenAsync(observer, cancellationToken).ConfigureAwait(false);
        await using var _ = database.ConfigureAwait(false);
        return await database.ReadSchemaAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reverts the latest <paramref name="steps"/> migrations, or all above <paramref name="target"/>; returns how many were reverted.</summary>
    public async Task<int> DownAsync(Task<MigrationSet> migrations, int steps, MigrationVersion? target, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var (set, database, history, _) = await LoadAndOpenAsync(migrations, cancellationToken, reverting: true).ConfigureAwait(false);
        await using var _ = database.ConfigureAwait(false);

        // Checked before the lock too, so a refused revert touches nothing at all, not even the audit table.
        var before = DownPlanner.Create(set.Migrations, history, steps, target);
        ThrowIfBlocked(before);
        if (before.ToRevert.Count == 0)
        {
            // Like a no-op up: no lock, no audit row, and no history table (or tenant schema) made just to say nothing was applied.
            observer.On(new DownPlanReadyEvent(before));
            observer.On(new RevertCompletedEvent(0, clock.Elapsed));
            return 0;
        }

        return await AuditedRun.UnderLockAsync(database, context, observer, "down", async trail =>
        {
            var plan = DownPlanner.Create(set.Migrations, await database.ReadHistoryAsync(cancellationToken).ConfigureAwait(false), steps, target);
            ThrowIfBlocked(plan);
            observer.On(new DownPlanReadyEvent(plan));
            foreach (var migration in plan.ToRevert)
            {
                trail.Versions.Add(migration.VersionText);
                await RevertOneAsync(database, migration, cancellationToken).ConfigureAwait(false);
            }

            observer.On(new RevertCompletedEvent(plan.ToRevert.Count, clock.Elapsed));
            return plan.ToRevert.Count;
        }, cancellationToken).ConfigureAwait(false);
    }

    // Bounds one round trip: enough to make many small migrations cheap, small enough to keep progress visible.
    private const int MaxPipelinedMigrations = 50;
    private const int MaxPipelinedStatements = 1000;

    /// <summary>The transactional migrations from <paramref name="start"/> that can share one round trip.</summary>
    private static List<Migration> PipelinedRun(IReadOnlyList<Migration> pending, int start, Migration? resumed)
    {
        var run = new List<Migration>();
        var statements = 0;
        for (var i = start; i < pending.Count && run.Count < MaxPipelinedMigrations; i++)
        {
            var migration = pending[i];
            statements += migration.Up.Statements.Count;
            if (!migration.Up.Directives.IsTransactional || migration == resumed || (run.Count > 0 && statements > MaxPipelinedStatements))
            {
                break;
            }

            run.Add(migration);
        }

        return run;
    }

    /// <summary>Applies a run with one call (the provider may send it in one round trip); returns how many of it are done, the failing one included when a retry saved it.</summary>
    private async Task<int> ApplyRunAsync(IMigrationDatabase database, List<Migration> run, AuditTrail trail, ApplySettings apply, CancellationToken cancellationToken)
    {
        var progress = database is IAnnouncesEachMigration ? new ApplyProgress(observer) : null;
        foreach (var migration in run)
        {
            trail.Versions.Add(migration.VersionText);
            if (progress is null)
            {
                observer.On(new MigrationStartedEvent(migration));
            }
        }

        var results = progress is null
            ? await database.ApplyAsync(run, apply, 0, cancellationToken).ConfigureAwait(false)
            : await ((IAnnouncesEachMigration)database).ApplyAsync(run, apply, progress, cancellationToken).ConfigureAwait(false);
        var applied = results.TakeWhile(r => r.Outcome == ApplyOutcome.Applied).Count();
        for (var i = progress?.Applied ?? 0; i < applied; i++)
        {
            observer.On(new MigrationAppliedEvent(run[i], results[i].Duration));
        }

        if (applied == run.Count)
        {
            return run.Count;
        }

        // Nothing after the failing migration ran: those were never attempted.
        trail.Versions.RemoveRange(trail.Versions.Count - run.Count + applied + 1, run.Count - applied - 1);
        await ApplyOneAsync(database, run[applied], 0, results[applied].Failure, apply, cancellationToken).ConfigureAwait(false);
        return applied + 1;
    }

    /// <summary>
    /// Applies one migration, re-running it (with backoff) only when it failed on a lock timeout, a
    /// deadlock or a serialization failure, which PostgreSQL has already rolled back entirely.
    /// <paramref name="failedFirstAttempt"/> is the failure of an attempt already made in a run of several.
    /// </summary>
    private async Task ApplyOneAsync(IMigrationDatabase database, Migration migration, int firstStatement, MigrationFailedException? failedFirstAttempt, ApplySettings apply, CancellationToken cancellationToken)
    {
        if (failedFirstAttempt is null)
        {
            observer.On(new MigrationStartedEvent(migration));
        }

        var clock = Stopwatch.StartNew();
        var transactional = migration.Up.Directives.IsTransactional;
        var failure = failedFirstAttempt;
        var backoff = context.Retry.Backoff();
        for (var attempt = failure is null ? 1 : 2; ; attempt++)
        {
            if (failure is not null)
            {
                var failedAttempt = attempt - 1;
                if (!transactional || !provider.Dialect.IsRetryable(failure.Failure) || failedAttempt >= context.Retry.Attempts)
                {
                    throw Failed(migration, migration.Up, failure);
                }

                var delay = backoff.Next();
                observer.On(new RetryingEvent($"migration {migration.DisplayName}", failedAttempt, delay,
                    $"{failure.Failure.SqlState}: {failure.Failure.Message}; rolled back, attempt {attempt} of {context.Retry.Attempts}"));
                await Task.Delay(delay, context.Time, cancellationToken).ConfigureAwait(false);
            }

            var result = (await database.ApplyAsync([migration], apply, firstStatement, cancellationToken).ConfigureAwait(false))[0];
            if (result.Failure is null)
            {
                break;
            }

            failure = result.Failure;
        }

        observer.On(new MigrationAppliedEvent(migration, clock.Elapsed));
    }

    private async Task RevertOneAsync(IMigrationDatabase database, Migration migration, CancellationToken cancellationToken)
    {
        observer.On(new MigrationStartedEvent(migration));
        var clock = Stopwatch.StartNew();
        try
        {
            await database.RevertAsync(migration, context.Apply, cancellationToken).ConfigureAwait(false);
        }
        catch (MigrationFailedException e)
        {
            throw Failed(migration, migration.Down!, e);
        }

        observer.On(new MigrationRevertedEvent(migration, clock.Elapsed));
    }

    private MigrationRunException Failed(Migration migration, MigrationScript script, MigrationFailedException e)
    {
        // A file with its own BEGIN ... COMMIT that committed nothing is as a rolled-back migration: not recorded.
        var rolledBack = script.Directives.IsTransactional || (script.Directives.OwnsTransactions && e.Failure.Committed == 0);
        var (diagnostic, excerpt) = FailureReport.Describe(migration, script, e.Failure, rolledBack);
        observer.On(new MigrationFailedEvent(migration, diagnostic, excerpt));
        return new MigrationRunException(rolledBack ? RunOutcome.RolledBack : RunOutcome.RepairNeeded, diagnostic, e);
    }

    /// <summary>
    /// Connects and reads the history while the files are still being read and checked: each takes
    /// tens of milliseconds and they do not depend on each other. Invalid files cancel the connection
    /// attempt and win. Callers that must verify before connecting (bundles) pass a completed task.
    /// </summary>
    /// <param name="refuseUnsafe">Throw on lint errors of pending migrations (up, down); false returns them instead (plan, status).</param>
    /// <param name="reverting">Down scripts of applied migrations will run, so they are checked (files read with their checks deferred).</param>
    private async Task<(MigrationSet Set, IMigrationDatabase Database, IReadOnlyList<HistoryEntry> History, IReadOnlyList<Diagnostic> LintFindings)> LoadAndOpenAsync(
        Task<MigrationSet> migrations, CancellationToken cancellationToken, bool refuseUnsafe = true, bool reverting = false)
    {
        // Files already read (a bundle, a fast disk) are judged before connecting; their warnings are reported once.
        var judged = migrations.IsCompleted;
        if (judged)
        {
            ThrowIfInvalid(await migrations.ConfigureAwait(false), observer);
        }

        using var opening = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var open = OpenAndReadHistoryAsync(opening.Token);
        MigrationSet set;
        try
        {
            set = await migrations.ConfigureAwait(false);
            if (!judged)
            {
                ThrowIfInvalid(set, observer);
            }
        }
        catch
        {
            await opening.CancelAsync().ConfigureAwait(false);
            await DisposeWhenOpenedAsync(open).ConfigureAwait(false);
            throw;
        }

        // Until the history arrives, split the newest files ahead (the ones a fresh or behind database runs);
        // what is split is not split again, and an applied file split for nothing costs only idle time.
        using (var historyRead = new CancellationTokenSource())
        {
            _ = Task.Run(() => set.SplitAhead(historyRead.Token), CancellationToken.None);
            await ((Task)open).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await historyRead.CancelAsync().ConfigureAwait(false);
        }

        var (database, history) = await open.ConfigureAwait(false);
        if (refuseUnsafe && (reverting ? history.Count > 0 : HasUnapplied(set, history)))
        {
            // The lock's own session connects while the pending files are checked and linted, not after.
            database.PrepareLock(cancellationToken);
        }

        List<Diagnostic> findings;
        try
        {
            set = CheckUnsettled(set, history, reverting, observer);
            findings = LintPending(set, history);
        }
        catch
        {
            await database.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        if (refuseUnsafe)
        {
            try
            {
                ThrowIfUnsafe(findings);
            }
            catch
            {
                await database.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        return (set, database, history, refuseUnsafe ? [] : findings);
    }

    private async Task<(IMigrationDatabase Database, IReadOnlyList<HistoryEntry> History)> OpenAndReadHistoryAsync(CancellationToken cancellationToken)
    {
        var started = context.Time.GetTimestamp();
        var database = await provider.OpenAsync(observer, cancellationToken).ConfigureAwait(false);
        // Lets a front end split a run's time into connecting, waiting for the lock and applying.
        observer.On(new ConnectedEvent(context.Time.GetElapsedTime(started)));
        try
        {
            return (database, await database.ReadHistoryAsync(cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            await database.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task DisposeWhenOpenedAsync(Task<(IMigrationDatabase Database, IReadOnlyList<HistoryEntry> History)> open)
    {
        try
        {
            await (await open.ConfigureAwait(false)).Database.DisposeAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Whatever the abandoned attempt ran into, the file problems are what the user must see.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>
    /// Reports the files' warnings once, and stops on their errors before anything is written. The set
    /// is not linted: <see cref="LintPending"/> lints what is pending, once the history is known.
    /// </summary>
    internal static void ThrowIfInvalid(MigrationSet set, IRunObserver observer)
    {
        if (set.HasErrors)
        {
            // A run that stops on its files names every file's problems, those of files read with deferred checks too.
            set = set.WithChecks(_ => true).Set;
        }

        ReportOrThrow(set.Diagnostics, observer);
    }

    /// <summary>
    /// Checks the scripts read with deferred checks that will run or are not applied as they are: every one but the
    /// up script (and, unless reverting, the down script) of an applied migration whose checksum matches. Reports
    /// their warnings and stops on their errors like <see cref="ThrowIfInvalid"/>.
    /// </summary>
    private static MigrationSet CheckUnsettled(MigrationSet set, IReadOnlyList<HistoryEntry> history, bool reverting, IRunObserver observer)
    {
        var applied = history.Where(h => h.Status == HistoryStatus.Applied).ToDictionary(h => h.Version, h => h.Checksum);
        var settled = new HashSet<MigrationScript>(ReferenceEqualityComparer.Instance);
        foreach (var migration in set.Migrations.Where(m => applied.TryGetValue(m.Version, out var checksum) && checksum == m.Checksum))
        {
            settled.Add(migration.Up);
            if (!reverting && migration.Down is { } down)
            {
                settled.Add(down);
            }
        }

        var (checkedSet, added) = set.WithChecks(script => !settled.Contains(script));
        ReportOrThrow(added, observer);
        return checkedSet;
    }

    private static void ReportOrThrow(IReadOnlyList<Diagnostic> diagnostics, IRunObserver observer)
    {
        foreach (var warning in diagnostics.Where(d => !d.IsError))
        {
            observer.On(new DiagnosticEvent(warning));
        }

        if (diagnostics.Any(d => d.IsError))
        {
            throw new MigrationRunException(RunOutcome.InvalidMigrations, diagnostics.Where(d => d.IsError).ToList());
        }
    }

    /// <summary>
    /// Lints the migrations not applied yet, and only those: an applied migration was checked when it was pending, and a rule added by a newer
    /// tool must not stop every later deploy over a change already made (nor can the file be edited to
    /// waive it without a checksum mismatch). Linting only what is pending also keeps a no-op run fast.
    /// </summary>
    /// <remarks>
    /// Only pending migrations inside the lint scope: those at or below <c>lint.since</c> ran before
    /// adoption, and none when <c>lint.enabled</c> is false. A repeatable migration re-runs with its new
    /// text, so it is judged whenever it would run.
    /// </remarks>
    private List<Diagnostic> LintPending(MigrationSet set, IReadOnlyList<HistoryEntry> history)
    {
        var applied = history.Where(h => h.Status == HistoryStatus.Applied).ToDictionary(h => h.Version, h => h.Checksum);
        var pending = set.Migrations
            .Where(m => (!applied.TryGetValue(m.Version, out var checksum) || (m.Repeatable && checksum != m.Checksum)) && context.LintScope.Covers(m.Version))
            .ToList();
        return [.. LintPass.Run(provider.Dialect, pending, context.LintSeverities, set.Migrations)];
    }

    private static bool HasUnapplied(MigrationSet set, IReadOnlyList<HistoryEntry> history)
    {
        var applied = history.Where(h => h.Status == HistoryStatus.Applied).Select(h => h.Version).ToHashSet();
        return set.Migrations.Any(m => !applied.Contains(m.Version));
    }

    private void ThrowIfUnsafe(List<Diagnostic> findings)
    {
        foreach (var warning in findings.Where(d => !d.IsError))
        {
            observer.On(new DiagnosticEvent(warning));
        }

        if (findings.Any(d => d.IsError))
        {
            throw new MigrationRunException(RunOutcome.InvalidMigrations, findings.Where(d => d.IsError).ToList());
        }
    }

    /// <summary>
    /// A no-transaction migration is recorded as failed at its current statement while it runs, so
    /// that a crash leaves a row to repair. Seen without the lock, such a row may belong to a runner
    /// applying it right now: only the view under the lock decides whether it really failed.
    /// </summary>
    private static bool MayBeInProgress(Plan plan) =>
        plan.IsBlocked && plan.Problems.Where(p => p.IsError).All(p => p.Code is DiagnosticCodes.FailedMigration or DiagnosticCodes.CannotResume);

    private static void ThrowIfBlocked(Plan plan)
    {
        if (plan.IsBlocked)
        {
            throw Blocked(plan.Problems);
        }
    }

    private static void ThrowIfBlocked(DownPlan plan)
    {
        if (plan.IsBlocked)
        {
            throw Blocked(plan.Problems);
        }
    }

    /// <summary>The failure of problems found before anything ran: repair needed, unknown target, or invalid migrations.</summary>
    public static MigrationRunException Blocked(IReadOnlyList<Diagnostic> problems) =>
        new(RunOutcomes.OfProblems(problems), problems.Where(p => p.IsError).ToList());
}
