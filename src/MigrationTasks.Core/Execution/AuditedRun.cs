using MigrationTasks.Diagnostics;

namespace MigrationTasks.Execution;

/// <summary>What a locked run did so far, for its audit row: the versions it touched and a note.</summary>
public sealed class AuditTrail
{
    public List<string> Versions { get; } = [];

    public string? Detail { get; set; }
}

/// <summary>
/// Every change to the history happens here: under the migration lock, with the history and audit
/// tables in place, and followed by exactly one audit row however the run ends (succeeded, failed
/// or cancelled). The audit row is written after a rollback, so it never records undone work as done.
/// </summary>
public static class AuditedRun
{
    public static async Task<T> UnderLockAsync<T>(
        IMigrationDatabase database, ApplyContext context, IRunObserver observer, string action,
        Func<AuditTrail, Task<T>> body, CancellationToken cancellationToken)
    {
        var held = await database.AcquireLockAsync(cancellationToken).ConfigureAwait(false);
        await using var release = held.ConfigureAwait(false);
        await database.EnsureHistoryAsync(cancellationToken).ConfigureAwait(false);
        var trail = new AuditTrail();
        T result;
        try
        {
            result = await body(trail).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await TryWriteAsync(database, Record(context, action, trail, AuditOutcome.Cancelled), observer).ConfigureAwait(false);
            throw;
        }
        catch (MigrationRunException e)
        {
            trail.Detail ??= e.Diagnostics.Count > 0 ? context.Steps.Fill(e.Diagnostics[0].Message) : null;
            await RestoreAsync(database, trail, observer).ConfigureAwait(false);
            await TryWriteAsync(database, Record(context, action, trail, AuditOutcome.Failed), observer).ConfigureAwait(false);
            throw;
        }

        // Not cancellable: the work is done and committed, so its audit row must follow.
        await database.WriteAuditAsync(Record(context, action, trail, AuditOutcome.Succeeded), CancellationToken.None).ConfigureAwait(false);
        return result;
    }

    // A database that can be put back (SQLite's backup) is restored when the run fails; the user is told, and the audit row says so.
    private static async Task RestoreAsync(IMigrationDatabase database, AuditTrail trail, IRunObserver observer)
    {
        if (database is IRestorableDatabase restorable && await restorable.RestoreAsync(CancellationToken.None).ConfigureAwait(false) is { } from)
        {
            var message = $"the database was restored from the backup taken before this run ({from}): none of this run's changes remain";
            trail.Detail = $"{trail.Detail}; {message}";
            observer.On(new DiagnosticEvent(Diagnostic.Warning(DiagnosticCodes.RestoredFromBackup, message)));
        }
    }

    private static AuditRecord Record(ApplyContext context, string action, AuditTrail trail, AuditOutcome outcome) =>
        new(action, trail.Versions, outcome, context.OsUser, context.ToolVersion, context.BundleRootHash, context.Environment, trail.Detail);

    // On a failure path the original error matters most: an audit write that fails too is reported, not thrown over it.
    private static async Task TryWriteAsync(IMigrationDatabase database, AuditRecord record, IRunObserver observer)
    {
        try
        {
            await database.WriteAuditAsync(record, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Any failure here must not hide the run's own error.
        catch (Exception e)
#pragma warning restore CA1031
        {
            observer.On(new DiagnosticEvent(Diagnostic.Warning(DiagnosticCodes.AuditNotWritten,
                $"the audit row for this {record.Action} ({record.Outcome.ToString().ToLowerInvariant()}) could not be written: {e.Message}")));
        }
    }
}
