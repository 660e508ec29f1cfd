using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;
using MigrationTasks.Files;

namespace MigrationTasks.Schema;

/// <summary>
/// <c>migrations verify</c> on a scratch database: applies every migration in order and, for each one newer
/// than <c>--from</c>, runs up, down, up, requiring the schema after the down to be the one before the up,
/// and the schema after the second up to be the one after the first. Proves a down file undoes its up file
/// (an index left behind, an enum value a no-op down cannot remove) before an incident needs it.
/// </summary>
public sealed class RoundTrip(IMigrationDatabaseProvider scratch, IRunObserver observer, ApplyContext context)
{
    /// <returns>The problems, one per migration that fails the round trip (warnings for allowed irreversible ones).</returns>
    public async Task<IReadOnlyList<Diagnostic>> VerifyAsync(MigrationSet set, MigrationVersion? from, bool allowIrreversible, CancellationToken cancellationToken)
    {
        if (set.HasErrors)
        {
            throw new MigrationRunException(RunOutcome.InvalidMigrations, set.Diagnostics.Where(d => d.IsError).ToList());
        }

        var database = await scratch.OpenAsync(observer, cancellationToken).ConfigureAwait(false);
        await using var _ = database.ConfigureAwait(false);
        var held = await database.AcquireLockAsync(cancellationToken).ConfigureAwait(false);
        await using var release = held.ConfigureAwait(false);
        await database.EnsureHistoryAsync(cancellationToken).ConfigureAwait(false);
        var problems = new List<Diagnostic>();
        foreach (var migration in set.Migrations)
        {
            var checkedHere = from is not { } since || migration.Version.CompareTo(since) > 0;
            var before = checkedHere ? await database.ReadSchemaAsync(cancellationToken).ConfigureAwait(false) : null;
            if (await ApplyAsync(database, migration, cancellationToken).ConfigureAwait(false) is { } failed)
            {
                // Later migrations build on this one: nothing after it can be judged.
                problems.Add(failed);
                break;
            }

            if (before is null)
            {
                continue;
            }

            if (migration.Down is not { } down)
            {
                var message = $"{migration.DisplayName} has no down file: it cannot be reverted"
                    + (allowIrreversible ? " (allowed by verify.allow_irreversible)" : "; add one, or set 'verify: allow_irreversible: true' in migrations.yaml");
                problems.Add(allowIrreversible
                    ? Diagnostic.Warning(DiagnosticCodes.Irreversible, message, migration.Path)
                    : Diagnostic.Error(DiagnosticCodes.Irreversible, message, migration.Path));
                continue;
            }

            var afterUp = await database.ReadSchemaAsync(cancellationToken).ConfigureAwait(false);
            if (await RoundTripAsync(database, migration, before, afterUp, cancellationToken).ConfigureAwait(false) is { } problem)
            {
                problems.Add(problem);
                break;
            }

            observer.On(new NoticeEvent($"  {migration.DisplayName,-50} up, down, up: same schema"));
        }

        return problems;
    }

    // Down, compare with before; up again, compare with the first up. The first problem ends the run: the
    // scratch schema is no longer what the next migration expects.
    private async Task<Diagnostic?> RoundTripAsync(IMigrationDatabase database, Migration migration, SchemaFingerprint before, SchemaFingerprint afterUp, CancellationToken cancellationToken)
    {
        try
        {
            await database.RevertAsync(migration, context.Apply, cancellationToken).ConfigureAwait(false);
        }
        catch (MigrationFailedException e)
        {
            return Failed($"{migration.DisplayName}: the down file failed on the scratch database: {e.Message}", migration.Down!, e);
        }

        var afterDown = await database.ReadSchemaAsync(cancellationToken).ConfigureAwait(false);
        if (SchemaComparison.Compare(before, afterDown) is { Count: > 0 } left)
        {
            return Diagnostic.Error(DiagnosticCodes.DownLeavesDifferences,
                $"{migration.DisplayName}: after its down file the schema is not the one before its up file: {Describe(left)}. Make the down file undo exactly what the up file does",
                migration.Down!.Path);
        }

        if (await ApplyAsync(database, migration, cancellationToken).ConfigureAwait(false) is { } failed)
        {
            return failed;
        }

        var again = await database.ReadSchemaAsync(cancellationToken).ConfigureAwait(false);
        return SchemaComparison.Compare(afterUp, again) is { Count: > 0 } differs
            ? Diagnostic.Error(DiagnosticCodes.UpAgainDiffers,
                $"{migration.DisplayName}: applied again after its down file it gives another schema: {Describe(differs)}. The down file leaves something the up file then changes",
                migration.Path)
            : null;
    }

    private async Task<Diagnostic?> ApplyAsync(IMigrationDatabase database, Migration migration, CancellationToken cancellationToken)
    {
        var result = (await database.ApplyAsync([migration], context.Apply, 0, cancellationToken).ConfigureAwait(false))[0];
        return result.Failure is { } failure
            ? Failed($"{migration.DisplayName} failed on the scratch database: {failure.Message}; nothing after it was verified", migration.Up, failure)
            : null;
    }

    // At the failing statement's file(line,col), as up and down report it, so the fix starts where the server stopped.
    private static Diagnostic Failed(string message, MigrationScript script, MigrationFailedException failure)
    {
        var (line, column) = FailureReport.Locate(script, failure.Failure);
        return Diagnostic.Error(DiagnosticCodes.VerifyApplyFailed, message, script.Path, line, column);
    }

    private static string Describe(IReadOnlyList<SchemaDifference> differences) =>
        string.Join("; ", differences.Select(d => d.ToString()));
}
