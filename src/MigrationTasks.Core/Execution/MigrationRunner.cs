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
    public async Task<Plan> PlanAsync(MigrationSet set, MigrationVersion? target, CancellationToken cancellationToken)
    {
        ThrowIfInvalid(set);
        await using var database = await provider.OpenAsync(observer, cancellationToken).ConfigureAwait(false);
        var history = await database.ReadHistoryAsync(cancellationToken).ConfigureAwait(false);
        var plan = Planner.Create(set.Migrations, history, target);
        observer.On(new PlanReadyEvent(plan));
        return plan;
    }

    /// <summary>Applies the pending migrations up to <paramref name="target"/>; returns how many were applied.</summary>
    public async Task<int> UpAsync(MigrationSet set, MigrationVersion? target, CancellationToken cancellationToken)
    {
        ThrowIfInvalid(set);
        var clock = Stopwatch.StartNew();
        await using var database = await provider.OpenAsync(observer, cancellationToken).ConfigureAwait(false);

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

        var applied = 0;
        foreach (var migration in plan.Pending)
        {
            await ApplyOneAsync(database, migration, cancellationToken).ConfigureAwait(false);
            applied++;
        }

        observer.On(new RunCompletedEvent(applied, clock.Elapsed));
        return applied;
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

    private static void ThrowIfInvalid(MigrationSet set)
    {
        if (set.HasErrors)
        {
            throw new MigrationRunException(ExitCodes.InvalidMigrations, set.Errors.ToList());
        }
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
