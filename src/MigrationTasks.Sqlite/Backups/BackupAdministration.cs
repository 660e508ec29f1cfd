using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;

namespace MigrationTasks.Sqlite.Backups;

/// <summary>
/// What a person does with the backups by hand: list them, take a named snapshot, restore one. A
/// restore is refused while another runner holds the lease (it would undo that runner's work under
/// it), backs up the state it replaces first (nothing is lost by restoring the wrong one), and is
/// written to the audit table after the restore, so the row survives it.
/// </summary>
public sealed class BackupAdministration(SqliteSettings settings, IRunObserver observer)
{
    private readonly BackupSet _backups = new(settings);

    public IReadOnlyList<BackupFile> List() => _backups.List();

    public async Task<BackupFile> SnapshotAsync(string name, CancellationToken cancellationToken)
    {
        // Opening a missing file would create it, and the snapshot of an empty database hides the mistake in the path.
        if (!File.Exists(settings.DatabasePath))
        {
            throw new MigrationRunException(RunOutcome.DatabaseUnreachable, Diagnostic.Error(DiagnosticCodes.DatabaseRejected,
                $"there is no database at {settings.DatabasePath} to take a snapshot of; nothing was written. Check the connection (a relative sqlite:path is read from the working directory)"));
        }

        var database = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var databaseLifetime = database.ConfigureAwait(false);
        try
        {
            return _backups.TakeSnapshot(database.Connection, name);
        }
        catch (ArgumentException e)
        {
            throw new MigrationRunException(RunOutcome.InvalidSetting, Diagnostic.Error(DiagnosticCodes.InvalidOption, e.Message));
        }
        catch (Exception e) when (BackupFailures.IsExpected(e))
        {
            throw BackupFailures.Failed($"could not write the snapshot '{name}' of {settings.DatabasePath} to {settings.EffectiveBackupFolder}", e,
                "nothing was changed. Check that the database is a SQLite database and that the folder is writable (backup.folder in migrations.yaml)");
        }
    }

    public async Task<BackupFile> RestoreAsync(string name, AuditRecord audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audit);
        var backup = _backups.Find(name) ?? throw new MigrationRunException(RunOutcome.InvalidSetting, Diagnostic.Error(DiagnosticCodes.BackupNotFound,
            $"no backup of {settings.DatabasePath} is named '{name}'; 'migrations backups list' shows them"));

        // Not waiting: a runner at work now is a reason to stop, not to queue a restore behind it.
        var database = await OpenAsync(cancellationToken, lockTimeout: TimeSpan.Zero).ConfigureAwait(false);
        await using var databaseLifetime = database.ConfigureAwait(false);
        var lease = await database.Database.AcquireLockAsync(cancellationToken).ConfigureAwait(false);
        await using (lease.ConfigureAwait(false))
        {
            if (settings.Backup)
            {
                BackupFile before;
                try
                {
                    before = _backups.TakeAutomatic(database.Connection, spare: backup);
                }
                catch (Exception e) when (BackupFailures.IsExpected(e))
                {
                    throw BackupFailures.Failed($"could not back up the current state of {settings.DatabasePath} to {settings.EffectiveBackupFolder} before restoring", e,
                        "nothing was restored. Make the folder writable (backup.folder in migrations.yaml), or pass --no-backup to restore without keeping the current state");
                }

                observer.On(new NoticeEvent($"Backed up the current state to {before.Path} before restoring."));
            }

            try
            {
                BackupSet.Restore(backup, database.Connection);
            }
            catch (Exception e) when (BackupFailures.IsExpected(e))
            {
                // The backup API copies every page in one write transaction: a failure leaves the database as it was.
                throw BackupFailures.Failed($"could not restore {settings.DatabasePath} from {backup.Path}", e,
                    "the database is as it was. Check that the backup is a readable SQLite database and that its folder is writable");
            }

            database.Database.ReassertLease();
            await database.Database.EnsureHistoryAsync(cancellationToken).ConfigureAwait(false);
            await database.Database.WriteAuditAsync(audit with { Detail = $"restored {backup.Path}" }, CancellationToken.None).ConfigureAwait(false);
        }

        return backup;
    }

    private async Task<OpenDatabase> OpenAsync(CancellationToken cancellationToken, TimeSpan? lockTimeout = null)
    {
        var provider = new SqliteProvider(lockTimeout is { } timeout ? settings with { LockTimeout = timeout } : settings);
        var database = (SqliteDatabase)await provider.OpenAsync(observer, cancellationToken).ConfigureAwait(false);
        return new OpenDatabase(database);
    }

    private sealed class OpenDatabase(SqliteDatabase database) : IAsyncDisposable
    {
        public SqliteDatabase Database => database;

        public Microsoft.Data.Sqlite.SqliteConnection Connection => database.Connection;

        public ValueTask DisposeAsync() => database.DisposeAsync();
    }
}
