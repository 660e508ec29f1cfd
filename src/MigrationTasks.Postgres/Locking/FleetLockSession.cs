using System.Data;
using MigrationTasks.Execution;
using Npgsql;

namespace MigrationTasks.Postgres.Locking;

/// <summary>
/// One session that holds the migration locks of every tenant of a fleet that lives in the fleet's own
/// database (schema per tenant), each under its tenant's key. Without it each tenant in flight would
/// open a lock connection beside its work connection, so <c>--parallel N</c> would need 2N sessions;
/// with it, N + 1. Commands on it take turns. A killed fleet runner's locks go with this session, as a
/// single run's go with its own lock connection; the work lock on each tenant's work connection still
/// makes the next runner wait for a backend that outlived it. Tenants with their own connection string
/// (database per tenant) keep a lock connection of their own: an advisory lock belongs to one database.
/// </summary>
public sealed class FleetLockSession : ILockSession, IAsyncDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly PostgresProvider _provider;
    private NpgsqlConnection? _connection;

    public FleetLockSession(PostgresSettings fleet)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        var connection = new NpgsqlConnectionStringBuilder(fleet.Connection.ConnectionString)
        {
            ApplicationName = Connections.ApplicationName.Fit($"{fleet.Connection.ApplicationName ?? "migrationtasks"} (fleet locks)"),
        };
        _provider = new PostgresProvider(fleet with { Connection = connection });
    }

    async Task<T> ILockSession.UseAsync<T>(Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Opened by the first tenant that needs it; opened again if the server dropped it (the locks it held went with it).
            if (_connection is not { State: ConnectionState.Open })
            {
                if (_connection is not null)
                {
                    await _connection.DisposeAsync().ConfigureAwait(false);
                }

                _connection = await _provider.OpenConnectionAsync(SilentObserver.Instance, cancellationToken).ConfigureAwait(false);
            }

            return await work(_connection).ConfigureAwait(false);
        }
        finally
        {
            _turn.Release();
        }
    }

    // The session outlives each tenant's lock; it closes with the fleet run.
    ValueTask ILockSession.EndAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }

        _turn.Dispose();
    }
}
