using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;
using MigrationTasks.Files;

namespace MigrationTasks.Schema;

/// <summary>The live schema compared with the one recorded with the applied migration recorded last.</summary>
public sealed record SchemaCheckedEvent(RecordedSchema Against, string LiveHash, IReadOnlyList<SchemaDifference> Differences) : RunEvent;

/// <summary>
/// <c>migrations drift</c>, and <c>up --check-drift</c> before it applies anything: compares the live schema
/// with the fingerprint recorded in the history, under the migration lock so that a deploy in progress is
/// not reported as drift. Pending migrations are not drift: they have not changed the schema yet.
/// </summary>
public sealed class DriftCheck(IMigrationDatabaseProvider provider, IRunObserver observer)
{
    /// <param name="migrations">The files, only to spell the recorded version as they do; none spells it canonically.</param>
    /// <returns>The differences; empty when the schema is as recorded.</returns>
    /// <exception cref="MigrationRunException">Nothing is recorded to compare with.</exception>
    public async Task<IReadOnlyList<SchemaDifference>> RunAsync(Task<MigrationSet>? migrations, CancellationToken cancellationToken)
    {
        var database = await provider.OpenAsync(observer, cancellationToken).ConfigureAwait(false);
        await using var _ = database.ConfigureAwait(false);
        var held = await database.AcquireLockAsync(cancellationToken).ConfigureAwait(false);
        await using var release = held.ConfigureAwait(false);
        IReadOnlyList<Migration> files = migrations is null ? [] : (await migrations.ConfigureAwait(false)).Migrations;
        return await CompareAsync(database, observer, files, cancellationToken).ConfigureAwait(false)
            ?? throw new MigrationRunException(RunOutcome.InvalidSetting, Diagnostic.Error(DiagnosticCodes.SchemaNotRecorded,
                $"no migration is applied, so no schema is recorded to compare with; apply one ({NextStep.Up}) or record a baseline ({NextStep.Baseline("<v>")}) first"));
    }

    /// <summary>
    /// For <c>up --check-drift</c>, under its lock: throws when the schema drifted. A database with nothing applied
    /// has nothing to drift from; one whose last row has no recorded schema (an older tool applied it) is warned
    /// about and migrated, since refusing would leave no way to record one.
    /// </summary>
    internal static async Task RefuseDriftAsync(IMigrationDatabase database, IRunObserver observer, IReadOnlyList<Migration> migrations, CancellationToken cancellationToken)
    {
        IReadOnlyList<SchemaDifference>? differences;
        try
        {
            differences = await CompareAsync(database, observer, migrations, cancellationToken).ConfigureAwait(false);
        }
        catch (MigrationRunException e) when (e.Diagnostics is [{ Code: DiagnosticCodes.SchemaNotRecorded or DiagnosticCodes.SchemaFingerprintVersion } missing])
        {
            observer.On(new DiagnosticEvent(Diagnostic.Warning(missing.Code, missing.Message + "; drift was not checked")));
            return;
        }

        if (differences is { Count: > 0 })
        {
            throw new MigrationRunException(RunOutcome.Drift, Diagnostic.Error(DiagnosticCodes.SchemaDrift,
                $"the schema was changed outside the migrations ({differences.Count} difference(s), listed above); nothing was applied. "
                + $"Put the change into a migration or undo it, then run up again (or {NextStep.SkipDriftCheck} to apply anyway)"));
        }
    }

    /// <summary>
    /// After a rolled-back failure in <c>up</c>: the batches before it recorded no schema (only the end of a run
    /// does), so the last applied row gets the schema as it now is. The failure matters more than this record.
    /// </summary>
    internal static async Task RecordAfterFailureAsync(IMigrationDatabase database, IRunObserver observer)
    {
        try
        {
            await database.RecordSchemaAsync(CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Reported, never thrown over the migration's own failure.
        catch (Exception e)
#pragma warning restore CA1031
        {
            observer.On(new DiagnosticEvent(Diagnostic.Warning(DiagnosticCodes.SchemaNotRecorded,
                $"the schema could not be recorded after the failure ({e.Message}); {NextStep.Drift} will say so until the next successful up")));
        }
    }

    /// <summary>Compares, reporting a <see cref="SchemaCheckedEvent"/>; null when no migration is applied. Call it under the lock.</summary>
    internal static async Task<IReadOnlyList<SchemaDifference>?> CompareAsync(
        IMigrationDatabase database, IRunObserver observer, IReadOnlyList<Migration> migrations, CancellationToken cancellationToken)
    {
        if (await database.ReadRecordedSchemaAsync(cancellationToken).ConfigureAwait(false) is not { } read)
        {
            return null;
        }

        var recorded = read with { VersionText = VersionSpelling.Of(read.Version, migrations) };

        var expected = recorded.Fingerprint ?? throw new MigrationRunException(RunOutcome.InvalidSetting, Diagnostic.Error(DiagnosticCodes.SchemaNotRecorded,
            $"the last applied migration, {recorded.VersionText} ({recorded.Name}), has no recorded schema: it was applied by an earlier version of the tool "
            + $"or with the recording switched off. The next {NextStep.Up} (or {NextStep.Baseline()}) records one; compare after that"));
        var live = await database.ReadSchemaAsync(cancellationToken).ConfigureAwait(false);
        if (!expected.SameVersionAs(live))
        {
            throw new MigrationRunException(RunOutcome.InvalidSetting, Diagnostic.Error(DiagnosticCodes.SchemaFingerprintVersion,
                $"migration {recorded.VersionText} recorded its schema with another fingerprint version ('{expected.Text.Split('\n', 2)[0]}', this tool writes '{SchemaFingerprint.Header}'); "
                + $"the next {NextStep.Up} records one this version can compare with"));
        }

        var differences = SchemaComparison.Compare(expected, live);
        observer.On(new SchemaCheckedEvent(recorded, live.Hash, differences));
        return differences;
    }
}
