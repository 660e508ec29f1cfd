using System.Diagnostics;
using MigrationTasks.Execution;
using MigrationTasks.Files;

namespace MigrationTasks.Postgres.Execution;

/// <summary>
/// Applies a list of migrations the cheapest way PostgreSQL allows: consecutive transactional ones in
/// one pipelined batch (one round trip for all), a no-transaction one on its own, statement by
/// statement. Stops at the first failure and says, per migration, what became of it.
/// </summary>
internal static class MigrationRuns
{
    public static async Task<IReadOnlyList<ApplyResult>> ApplyAsync(
        MigrationExecutor executor, IReadOnlyList<Migration> migrations, ApplySettings context, int firstStatement, CancellationToken cancellationToken)
    {
        var results = Enumerable.Repeat(ApplyResult.NotAttempted, migrations.Count).ToArray();
        for (var next = 0; next < migrations.Count;)
        {
            var count = Pipelinable(migrations, next, firstStatement);
            var applied = count > 1
                ? await ApplyPipelinedAsync(executor, migrations.Skip(next).Take(count).ToList(), context, results.AsMemory(next, count), cancellationToken).ConfigureAwait(false)
                : await ApplyOneAsync(executor, migrations[next], context, next == 0 ? firstStatement : 0, results.AsMemory(next, 1), cancellationToken).ConfigureAwait(false);
            if (applied < count)
            {
                break;
            }

            next += count;
        }

        return results;
    }

    // How many transactional migrations from start can share a batch; a resumed one runs alone.
    private static int Pipelinable(IReadOnlyList<Migration> migrations, int start, int firstStatement)
    {
        var count = 0;
        while (start + count < migrations.Count && migrations[start + count].Up.Directives.IsTransactional && !(start + count == 0 && firstStatement > 0))
        {
            count++;
        }

        return Math.Max(count, 1);
    }

    private static async Task<int> ApplyOneAsync(
        MigrationExecutor executor, Migration migration, ApplySettings context, int firstStatement, Memory<ApplyResult> result, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await executor.ApplyAsync(migration, context, firstStatement, cancellationToken).ConfigureAwait(false);
            result.Span[0] = ApplyResult.Applied(clock.Elapsed);
            return 1;
        }
        catch (MigrationFailedException e)
        {
            result.Span[0] = ApplyResult.Failed(e);
            return 0;
        }
    }

    private static async Task<int> ApplyPipelinedAsync(
        MigrationExecutor executor, List<Migration> run, ApplySettings context, Memory<ApplyResult> results, CancellationToken cancellationToken)
    {
        try
        {
            var durations = await executor.ApplyPipelinedAsync(run, context, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < run.Count; i++)
            {
                results.Span[i] = ApplyResult.Applied(durations[i]);
            }

            return run.Count;
        }
        catch (PartiallyAppliedException e)
        {
            for (var i = 0; i < e.Applied; i++)
            {
                results.Span[i] = ApplyResult.Applied(e.Durations[i]);
            }

            results.Span[e.Applied] = ApplyResult.Failed(e.Failure);
            return e.Applied;
        }
    }
}
