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
    Func<CancellationToken, Task<NpgsqlConnection>> openLockConnection,
    PostgresSettings settings,
    IRunObserver observer) : IMigrationDatabase
{
    private readonly HistoryStore _history = new(settings.HistorySchema, settings.HistoryTable);
    private bool _historyExists;

    public async Task<IAsyncDisposable> AcquireLockAsync(CancellationToken cancellationToken)
    {
        var key = settings.EffectiveLockKey(connection.Database);
        var lockConnection = await openLockConnection(cancellationToken).ConfigureAwait(false);
        try
        {
            return await AdvisoryLock.AcquireAsync(lockConnection, key, settings.LockTimeout, observer, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await lockConnection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task EnsureHistoryAsync(CancellationToken cancellationToken)
    {
        if (_historyExists || await _history.ExistsAsync(connection, cancellationToken).ConfigureAwait(false))
        {
            _historyExists = true;
            return;
        }

        await _history.CreateAsync(connection, cancellationToken).ConfigureAwait(false);
        _historyExists = true;
    }

    public async Task<IReadOnlyList<HistoryEntry>> ReadHistoryAsync(CancellationToken cancellationToken)
    {
        if (!_historyExists && !await _history.ExistsAsync(connection, cancellationToken).ConfigureAwait(false))
        {
            return [];
        }

        _historyExists = true;
        return await _history.ReadAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    public Task ApplyAsync(Migration migration, ApplyContext context, CancellationToken cancellationToken) =>
        new MigrationExecutor(connection, _history).ApplyAsync(migration, context, cancellationToken);

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
