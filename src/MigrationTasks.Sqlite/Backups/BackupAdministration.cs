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
                var before = _backups.TakeAutomatic(database.Connection);
                observer.On(new NoticeEvent($"Backed up the current state to {before.Path} before restoring."));
            }

            BackupSet.Restore(backup, database.Connection);
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
