using Microsoft.Data.Sqlite;
using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;
using MigrationTasks.Files;
using MigrationTasks.Planning;
using MigrationTasks.Sqlite.Backups;
using MigrationTasks.Sqlite.Execution;
using MigrationTasks.Sqlite.History;
using MigrationTasks.Sqlite.Locking;
using MigrationTasks.Sqlite.Schema;

namespace MigrationTasks.Sqlite;

/// <summary>
/// One run's view of a SQLite database file: a work connection for the history, the migrations and the lease (which
/// renews itself on a connection of its own, <see cref="LeaseLock"/>), and the backup taken before the run's
/// first change, which <see cref="RestoreAsync"/> puts back when the run fails.
/// </summary>
internal sealed class SqliteDatabase(Func<SqliteConnection> openConnection, SqliteSettings settings, IRunObserver observer)
    : IMigrationDatabase, IRestorableDatabase, IAnnouncesEachMigration
{
    private SqliteConnection? _connection;

    private readonly SqliteHistory _history = new(settings.HistoryTable, Environment.UserName);
    private readonly SqliteAudit _audit = new(settings.HistoryTable);
    private SqliteSchemaRecord? _schema;
    private PreparedStatements? _prepared;
    private LeaseLock? _lease;

    /// <summary>
    /// The work connection, opened at first use: reading the history of a file that does not exist yet
    /// (status, plan) must not create it; the lock, taken only to change something, does.
    /// </summary>
    internal SqliteConnection Connection => _connection ??= openConnection();

    private BackupFile? _backup;

    // On the work connection, which reads the schema anyway; the lease opens its own connection for its first renewal.
    // The first statement on the file is often the lease's (drift, baseline, mark-applied, repair): what SQLite says
    // about the file there (not a database, corrupt, read-only) is the run's error with the file named, as in Work.
    public async Task<IAsyncDisposable> AcquireLockAsync(CancellationToken cancellationToken)
    {
        try
        {
            _lease = await LeaseLock.AcquireAsync(Connection, openConnection, settings, observer, cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException e)
        {
            throw SqliteProvider.Refused(settings.DatabasePath, e);
        }

        return _lease;
    }

    public Task EnsureHistoryAsync(CancellationToken cancellationToken) => Work(() =>
        Executor.InTransaction(() =>
        {
            foreach (var sql in (string[])[_history.CreateSql, .. _audit.CreateSql])
            {
                using var command = Connection.CreateCommand();
                command.CommandText = sql;
                command.ExecuteNonQuery();
            }

            SchemaRecord.Upgrade(Connection);
        }));

    public Task<IReadOnlyList<HistoryEntry>> ReadHistoryAsync(CancellationToken cancellationToken) => Work(() =>
    {
        if (_connection is null && !File.Exists(settings.DatabasePath))
        {
            return [];
        }

        return HistoryExists() ? _history.Read(Connection) : [];
    });

    private bool HistoryExists()
    {
        using var exists = Connection.CreateCommand();
        exists.CommandText = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = $name";
        exists.Parameters.AddWithValue("$name", settings.HistoryTable);
        return exists.ExecuteScalar() is not null;
    }

    public Task<IReadOnlyList<ApplyResult>> ApplyAsync(IReadOnlyList<Migration> migrations, ApplySettings context, int firstStatement, CancellationToken cancellationToken) =>
        Apply(migrations, context, firstStatement, null, cancellationToken);

    // Each migration announced as it starts and once its commit group commits: the live counter follows the work.
    public Task<IReadOnlyList<ApplyResult>> ApplyAsync(IReadOnlyList<Migration> migrations, ApplySettings context, ApplyProgress progress, CancellationToken cancellationToken) =>
        Apply(migrations, context, 0, progress, cancellationToken);

    private Task<IReadOnlyList<ApplyResult>> Apply(IReadOnlyList<Migration> migrations, ApplySettings context, int firstStatement, ApplyProgress? progress, CancellationToken cancellationToken) => Work(() =>
    {
        BackUpOnce();
        var executor = NewExecutor(progress);
        var results = new List<ApplyResult>(migrations.Count);
        // Only the batch's last migration records the schema: it stands for the others (docs/drift.md).
        ApplySettings Recording(int index) => context with { RecordSchema = context.RecordSchema && index == migrations.Count - 1 };
        using var interrupt = cancellationToken.Register(Interrupt);
        try
        {
            for (var i = 0; i < migrations.Count && (i == 0 || results[^1].Outcome == ApplyOutcome.Applied); i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Starting(migrations[i]);
                try
                {
                    results.Add(ApplyResult.Applied(executor.Apply(migrations[i], Recording(i), i == 0 ? firstStatement : 0)));
                }
                catch (MigrationFailedException e) when (!cancellationToken.IsCancellationRequested)
                {
                    ApplyLostAgain(executor, migrations, results, Recording);
                    results.Add(results.Count == 0 || results[^1].Outcome == ApplyOutcome.Applied ? ApplyResult.Failed(e) : ApplyResult.NotAttempted);
                }
            }

            executor.Commit();
        }
        catch (Exception e)
        {
            executor.Abandon();
            ThrowIfInterrupted(e, cancellationToken);
            throw;
        }

        cancellationToken.ThrowIfCancellationRequested();
        while (results.Count < migrations.Count)
        {
            results.Add(ApplyResult.NotAttempted);
        }

        return (IReadOnlyList<ApplyResult>)results;
    });

    // The migrations SQLite rolled back together with a failing one (CommitGroup.Undo) are applied again, each
    // committed on its own; one that fails now ends the batch there, the one that failed first not attempted.
    private static void ApplyLostAgain(SqliteExecutor executor, IReadOnlyList<Migration> migrations, List<ApplyResult> results, Func<int, ApplySettings> recording)
    {
        for (var i = results.Count - executor.LostWithLastFailure; i < results.Count; i++)
        {
            try
            {
                results[i] = ApplyResult.Applied(executor.Apply(migrations[i], recording(i), 0));
                executor.Commit();
            }
            catch (MigrationFailedException e)
            {
                results[i] = ApplyResult.Failed(e);
                results.RemoveRange(i + 1, results.Count - i - 1);
                return;
            }
        }
    }

    public Task RevertAsync(Migration migration, ApplySettings context, CancellationToken cancellationToken) => Work(() =>
    {
        BackUpOnce();
        using var interrupt = cancellationToken.Register(Interrupt);
        try
        {
            Executor.Revert(migration, context);
        }
        catch (Exception e)
        {
            ThrowIfInterrupted(e, cancellationToken);
            throw;
        }
    });

    public Task RecordAsAppliedAsync(IReadOnlyList<Migration> migrations, ApplySettings context, CancellationToken cancellationToken) => Work(() =>
        Executor.InTransaction(() =>
        {
            foreach (var migration in migrations)
            {
                _history.Record(Prepared, migration, HistoryStatus.Applied, migration.Up.Directives.IsTransactional, TimeSpan.Zero,
                    context.ToolVersion, context.BundleRootHash, replace: true);
            }

            // A baseline is the state later drift checks compare with.
            if (context.RecordSchema && migrations.Count > 0)
            {
                SchemaRecord.Record(Connection, migrations[^1].Version);
            }
        }));

    public Task RepairAsync(IReadOnlyList<MigrationVersion> clearFailed, IReadOnlyList<Migration> acceptChecksums, CancellationToken cancellationToken) => Work(() =>
        Executor.InTransaction(() =>
        {
            foreach (var version in clearFailed)
            {
                _history.Delete(Connection, version, failedOnly: true);
            }

            foreach (var migration in acceptChecksums)
            {
                _history.AcceptChecksum(Connection, migration);
            }
        }));

    // SQLite has no index a failed build leaves behind: CREATE INDEX is all or nothing.
    public Task<IReadOnlyList<InvalidIndex>> FindInvalidIndexesAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<InvalidIndex>>([]);

    public Task<MigrationTasks.Schema.SchemaFingerprint> ReadSchemaAsync(CancellationToken cancellationToken) => Work(() => new SqliteSchema(settings.HistoryTable, settings.Scope).Read(Connection));

    public Task RecordSchemaAsync(CancellationToken cancellationToken) => Work(() => SchemaRecord.Record(Connection, null));

    public Task<MigrationTasks.Schema.RecordedSchema?> ReadRecordedSchemaAsync(CancellationToken cancellationToken) => Work(() =>
        _connection is null && !File.Exists(settings.DatabasePath) || !HistoryExists() ? null : SchemaRecord.ReadRecorded(Connection));

    public Task WriteAuditAsync(AuditRecord record, CancellationToken cancellationToken) => Work(() => _audit.Write(Connection, record));

    public Task<string?> RestoreAsync(CancellationToken cancellationToken) => Work(() =>
    {
        if (_backup is null)
        {
            return null;
        }

        try
        {
            BackupSet.Restore(_backup, Connection);
        }
        catch (Exception e) when (BackupFailures.IsExpected(e))
        {
            // Not "SQLite refused the database": the file at fault is the backup, and the user must know what remains.
            throw BackupFailures.Failed($"the run failed and {settings.DatabasePath} could not be restored from {_backup.Path}", e,
                $"what the run committed before the failure remains ('migrations status' shows it). Fix the cause and run 'migrations backups restore {_backup.Name}', or fix the failed migration and run again");
        }

        _lease?.Reassert();
        return (string?)_backup.Path;
    });

    public async ValueTask DisposeAsync()
    {
        _prepared?.Dispose();
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Writes the lease back after a restore by hand replaced the lock table with the backup's.</summary>
    internal void ReassertLease() => _lease?.Reassert();

    private SqliteExecutor Executor => NewExecutor(null);

    private SqliteExecutor NewExecutor(ApplyProgress? progress) => new(Connection, Prepared, _history, _lease, settings, SchemaRecord, progress);

    private PreparedStatements Prepared => _prepared ??= new(Connection);

    private SqliteSchemaRecord SchemaRecord => _schema ??= new(_history, new SqliteSchema(settings.HistoryTable, settings.Scope));

    // Before the run's first change, never for a run that changes nothing (a desktop app starting daily must not rotate its useful backups away).
    private void BackUpOnce()
    {
        if (_backup is not null || !settings.Backup)
        {
            return;
        }

        try
        {
            _backup = new BackupSet(settings).TakeAutomatic(Connection);
            observer.On(new NoticeEvent($"Backed up {settings.DatabasePath} to {_backup.Path}."));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SqliteException)
        {
            throw new MigrationRunException(RunOutcome.InvalidSetting, Diagnostic.Error(DiagnosticCodes.BackupFailed,
                $"could not back up {settings.DatabasePath} to {settings.EffectiveBackupFolder} before changing it: {e.Message}; nothing was changed. Make the folder writable (backup.folder in migrations.yaml), or pass --no-backup"));
        }
    }

    private void Interrupt() => SQLitePCL.raw.sqlite3_interrupt(Connection.Handle);

    // Cancelling interrupts SQLite, which fails the running statement (SQLITE_INTERRUPT): that is the cancellation the
    // caller asked for, rolled back, not a failed migration (which the CLI reported as an internal error, exit 1).
    private static void ThrowIfInterrupted(Exception e, CancellationToken cancellationToken)
    {
        if (e is MigrationFailedException && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("the run was cancelled; SQLite interrupted the running statement and rolled its transaction back", e, cancellationToken);
        }
    }

    private Task<bool> Work(Action work) => Work(() =>
    {
        work();
        return true;
    });

    // SQLite's calls are synchronous; its errors outside a migration (a locked or corrupt file) are the run's, with the file named.
    private Task<T> Work<T>(Func<T> work)
    {
        try
        {
            return Task.FromResult(work());
        }
        catch (SqliteException e)
        {
            throw SqliteProvider.Refused(settings.DatabasePath, e);
        }
    }
}
