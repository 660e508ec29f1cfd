using System.Diagnostics;
using MigrationTasks.Diagnostics;
using MigrationTasks.Files;
using MigrationTasks.Planning;

namespace MigrationTasks.Execution;

/// <summary>
/// The engine's one path to a database: validate files, connect, lock, read history, plan, apply
/// each pending migration in order, unlock. Front-ends call this and render its events.
/// </summary>
public sealed class MigrationRunner(IMigrationDatabaseProvider provider, IRunObserver observer, ApplyContext context)
{
    /// <summary>Compares files with history without taking the lock or writing anything.</summary>
    public async Task<Plan> PlanAsync(Task<MigrationSet> migrations, MigrationVersion? target, CancellationToken cancellationToken)
    {
        var (set, database) = await LoadAndOpenAsync(migrations, cancellationToken).ConfigureAwait(false);
        await using (database.ConfigureAwait(false))
        {
            var history = await database.ReadHistoryAsync(cancellationToken).ConfigureAwait(false);
            var plan = Planner.Create(set.Migrations, history, target);
            observer.On(new PlanReadyEvent(plan));
            return plan;
        }
    }

    /// <summary>Applies the pending migrations up to <paramref name="target"/>; returns how many were applied.</summary>
    public async Task<int> UpAsync(Task<MigrationSet> migrations, MigrationVersion? target, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var (set, database) = await LoadAndOpenAsync(migrations, cancellationToken).ConfigureAwait(false);
        await using (database.ConfigureAwait(false))
        {
            // Cheap check before queueing for the lock: a runner that finds nothing to do never waits.
            var history = await database.ReadHistoryAsync(cancellationToken).ConfigureAwait(false);
            var plan = Planner.Create(set.Migrations, history, target);
            ThrowIfBlocked(plan);
            if (plan.Pending.Count == 0)
            {
                observer.On(new PlanReadyEvent(plan));
                observer.On(new RunCompletedEvent(0, clock.Elapsed));
                return 0;
            }

            await using var held = await database.AcquireLockAsync(cancellationToken).ConfigureAwait(false);
            await database.EnsureHistoryAsync(cancellationToken).ConfigureAwait(false);

            // Another runner may have applied some while we waited: plan again under the lock.
            history = await database.ReadHistoryAsync(cancellationToken).ConfigureAwait(false);
            plan = Planner.Create(set.Migrations, history, target);
            ThrowIfBlocked(plan);
            observer.On(new PlanReadyEvent(plan));

            foreach (var migration in plan.Pending)
            {
                await ApplyOneAsync(database, migration, cancellationToken).ConfigureAwait(false);
            }

            observer.On(new RunCompletedEvent(plan.Pending.Count, clock.Elapsed));
            return plan.Pending.Count;
        }
    }

    /// <summary>
    /// Connects while the files are still being read and checked: both take tens of milliseconds and
    /// they do not depend on each other. Invalid files cancel the connection attempt and win.
    /// Callers that must verify before connecting (bundles) pass an already completed task.
    /// </summary>
    private async Task<(MigrationSet Set, IMigrationDatabase Database)> LoadAndOpenAsync(Task<MigrationSet> migrations, CancellationToken cancellationToken)
    {
        if (migrations.IsCompleted)
        {
            ThrowIfInvalid(await migrations.ConfigureAwait(false));
        }

        using var opening = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var open = provider.OpenAsync(observer, opening.Token);
        MigrationSet set;
        try
        {
            set = await migrations.ConfigureAwait(false);
            ThrowIfInvalid(set);
        }
        catch
        {
            await opening.CancelAsync().ConfigureAwait(false);
            await DisposeWhenOpenedAsync(open).ConfigureAwait(false);
            throw;
        }

        return (set, await open.ConfigureAwait(false));
    }

    private static async Task DisposeWhenOpenedAsync(Task<IMigrationDatabase> open)
    {
        try
        {
            await (await open.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or MigrationRunException)
        {
            // The attempt was abandoned on purpose; the file problems are what the user needs to see.
        }
    }

    private void ThrowIfInvalid(MigrationSet set)
    {
        var warnings = set.Diagnostics.Where(d => !d.IsError).ToList();
        if (warnings.Count > 0)
        {
            observer.On(new FileWarningsEvent(warnings));
        }

        if (set.HasErrors)
        {
            throw new MigrationRunException(ExitCodes.InvalidMigrations, set.Errors.ToList());
        }
    }

    private async Task ApplyOneAsync(IMigrationDatabase database, Migration migration, CancellationToken cancellationToken)
    {
        observer.On(new MigrationStartedEvent(migration));
        var clock = Stopwatch.StartNew();
        try
        {
            await database.ApplyAsync(migration, context, cancellationToken).ConfigureAwait(false);
        }
        catch (MigrationFailedException e)
        {
            var transactional = migration.Up.Directives.IsTransactional;
            var (diagnostic, excerpt) = FailureReport.Describe(migration, migration.Up, e.Failure, transactional);
            observer.On(new MigrationFailedEvent(migration, diagnostic, excerpt));
            throw new MigrationRunException(transactional ? ExitCodes.MigrationFailed : ExitCodes.RepairNeeded, diagnostic, e);
        }

        observer.On(new MigrationAppliedEvent(migration, clock.Elapsed));
    }

    private static void ThrowIfBlocked(Plan plan)
    {
        if (!plan.IsBlocked)
        {
            return;
        }

        var errors = plan.Problems.Where(p => p.IsError).ToList();
        var exitCode = plan.HasFailedMigration ? ExitCodes.RepairNeeded
            : errors.All(e => e.Code == DiagnosticCodes.UnknownTarget) ? ExitCodes.Usage
            : ExitCodes.InvalidMigrations;
        throw new MigrationRunException(exitCode, errors);
    }
}
