using Npgsql;

namespace MigrationTasks.Postgres.Locking;

/// <summary>
/// The session a migration lock is held on: a run's own connection (<see cref="OwnLockSession"/>), or
/// one a fleet shares between the tenants of a database (<see cref="FleetLockSession"/>).
/// </summary>
internal interface ILockSession
{
    /// <summary>Runs <paramref name="work"/> on the session's connection, alone.</summary>
    Task<T> UseAsync<T>(Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken);

    /// <summary>Called when the lock on it is released.</summary>
    ValueTask EndAsync();
}

/// <summary>A connection opened for one run's lock and closed with it.</summary>
internal sealed class OwnLockSession(NpgsqlConnection connection) : ILockSession
{
    public Task<T> UseAsync<T>(Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken) => work(connection);

    public ValueTask EndAsync() => connection.DisposeAsync();
}
