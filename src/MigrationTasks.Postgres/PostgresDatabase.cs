using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;
using MigrationTasks.Files;
using MigrationTasks.Planning;
using MigrationTasks.Postgres.Execution;
using MigrationTasks.Postgres.History;
using MigrationTasks.Postgres.Locking;
using Npgsql;

namespace MigrationTasks.Postgres;

/// <summary>
/// One run's view of a PostgreSQL database: a work connection for history and migrations, and,
/// once the lock is asked for, a second dedicated connection that holds it.
/// </summary>
internal sealed class PostgresDatabase(
    NpgsqlConnection connection,
    Func<CancellationToken, Task<NpgsqlConnection>> openConnection,
    PostgresSettings settings,
    IRunObserver observer) : IMigrationDatabase
{
    private readonly HistoryStore _history = new(settings.HistorySchema, settings.HistoryTable);
    private readonly AuditLog _audit = new(settings.HistorySchema, settings.HistoryTable);
    private bool _historyExists;

    public async Task<IAsyncDisposable> AcquireLockAsync(CancellationToken cancellationToken)
    {
        var key = settings.EffectiveLockKey(connection.Database);
        var lockConnection = await openConnection(cancellationToken).ConfigureAwait(false);
        AdvisoryLock held;
        try
        {
            held = await AdvisoryLock.AcquireAsync(lockConnection, key, settings.LockTimeout, observer, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await lockConnection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        try
        {
            // A killed runner's work backend may outlive its lock connection: wait for it before reading history.
            await AdvisoryLock.AcquireWorkLockAsync(connection, key, settings.LockTimeout, observer, cancellationToken).ConfigureAwait(false);
            return held;
        }
        catch
        {
            await held.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task EnsureHistoryAsync(CancellationToken cancellationToken)
    {
        if (await _history.ExistsAsync(connection, cancellationToken).ConfigureAwait(false)
            && await HistoryStore.RelationExistsAsync(connection, _audit.QualifiedName, cancellationToken).ConfigureAwait(false))
        {
            _historyExists = true;
            return;
        }

        await _history.CreateAsync(connection, _audit.CreateCommands(), cancellationToken).ConfigureAwait(false);
        _historyExists = true;
    }

    public async Task<IReadOnlyList<HistoryEntry>> ReadHistoryAsync(CancellationToken cancellationToken)
    {
        if (_historyExists)
        {
            return await _history.ReadAsync(connection, cancellationToken).ConfigureAwait(false);
        }

        // Read first and treat "no such table" as empty history: one round trip on the usual path
        // (the table exists), where asking first would cost two. Not in a transaction, so the error costs nothing.
        try
        {
            var history = await _history.ReadAsync(connection, cancellationToken).ConfigureAwait(false);
            _historyExists = true;
            return history;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return [];
        }
    }

    public Task ApplyAsync(Migration migration, ApplyContext context, int firstStatement, CancellationToken cancellationToken) =>
        WhileConnectedAsync(() => new MigrationExecutor(connection, _history).ApplyAsync(migration, context, firstStatement, cancellationToken));

    public async Task<IReadOnlyList<TimeSpan>> ApplyPipelinedAsync(IReadOnlyList<Migration> migrations, ApplyContext context, CancellationToken cancellationToken)
    {
        IReadOnlyList<TimeSpan> durations = [];
        await WhileConnectedAsync(async () => durations = await new MigrationExecutor(connection, _history).ApplyPipelinedAsync(migrations, context, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        return durations;
    }

    public Task RevertAsync(Migration migration, ApplyContext context, CancellationToken cancellationToken) =>
        WhileConnectedAsync(() => new MigrationExecutor(connection, _history).RevertAsync(migration, context, cancellationToken));

    /// <summary>
    /// Runs work on the work connection, turning its loss (the server shut down or restarted, the network
    /// dropped) into exit 5 rather than an internal error: the server rolls back whatever transaction was
    /// in flight, so the next run starts from the history as it is.
    /// </summary>
    private async Task WhileConnectedAsync(Func<Task> work)
    {
        try
        {
            await work().ConfigureAwait(false);
        }
        catch (NpgsqlException e) when (connection.State != System.Data.ConnectionState.Open)
        {
            var reason = e is PostgresException server ? $"{server.SqlState}: {server.MessageText}" : e.Message;
            throw new MigrationRunException(ExitCodes.DatabaseUnreachable, Diagnostic.Error(DiagnosticCodes.DatabaseUnreachable,
                $"lost the connection to the database while applying migrations ({reason}); a transactional migration in flight was rolled back by the server, a no-transaction one keeps its failed row (repair, or up --resume). Run again once the database is back"), e);
        }
    }

    public Task RecordAsAppliedAsync(IReadOnlyList<Migration> migrations, ApplyContext context, CancellationToken cancellationToken) =>
        _history.RecordAsAppliedAsync(connection, migrations, context.ToolVersion, context.BundleRootHash, cancellationToken);

    public Task RepairAsync(IReadOnlyList<MigrationVersion> clearFailed, IReadOnlyList<Migration> acceptChecksums, CancellationToken cancellationToken) =>
        _history.RepairAsync(connection, clearFailed, acceptChecksums, cancellationToken);

    public Task<IReadOnlyList<string>> FindInvalidIndexesAsync(CancellationToken cancellationToken) =>
        IndexCatalog.FindInvalidAsync(connection, cancellationToken);

    public async Task WriteAuditAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        // A cancelled statement can leave the work connection broken; the audit row must be written all the same.
        if (connection.State == System.Data.ConnectionState.Open)
        {
            await _audit.WriteAsync(connection, record, cancellationToken).ConfigureAwait(false);
            return;
        }

        await using var fresh = await openConnection(cancellationToken).ConfigureAwait(false);
        await _audit.WriteAsync(fresh, record, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
