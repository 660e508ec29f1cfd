using System.Net.Sockets;
using MigrationTasks.Postgres.Dialect;
using Npgsql;

namespace MigrationTasks.Postgres.Resilience;

/// <summary>
/// Decides whether an error while connecting (or taking the lock) is worth retrying: the server
/// is starting, restarting, overloaded or not reachable yet. Listed explicitly rather than
/// trusting <see cref="NpgsqlException.IsTransient"/>, whose list also covers statement errors
/// (serialization failures, deadlocks, lock timeouts) that must never re-run a migration.
/// The SQLSTATEs are the dialect's (<see cref="SqlStates"/>); the network errors are the driver's.
/// </summary>
public static class TransientErrors
{
    private static readonly HashSet<SocketError> TransientSocketErrors =
    [
        SocketError.ConnectionRefused,   // server not listening yet
        SocketError.ConnectionReset,
        SocketError.ConnectionAborted,
        SocketError.HostUnreachable,
        SocketError.HostDown,
        SocketError.NetworkUnreachable,
        SocketError.NetworkDown,
        SocketError.NetworkReset,
        SocketError.TimedOut,
        SocketError.TryAgain,            // temporary DNS failure
        // Service names (compose, Kubernetes headless services) resolve only once the database
        // container or pod exists, so "not found" at start-up is usually just "not yet".
        SocketError.HostNotFound,
        SocketError.NoData,
        // A Unix socket file that does not exist yet: the server has not started listening.
        SocketError.AddressNotAvailable,
        SocketError.Shutdown,
        SocketError.NotConnected,
    ];

    /// <summary>True when retrying the same operation later may succeed.</summary>
    public static bool IsTransient(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e switch
        {
            PostgresException pg => IsTransientSqlState(pg.SqlState),
            // Npgsql wraps network failures; judge the cause, not Npgsql's own verdict.
            NpgsqlException { InnerException: { } inner } => IsTransient(inner),
            NpgsqlException npgsql => npgsql.IsTransient,
            AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsTransient),
            SocketException socket => TransientSocketErrors.Contains(socket.SocketErrorCode),
            TimeoutException => true,
            // Missing certificate or key files are configuration errors, not network ones.
            FileNotFoundException or DirectoryNotFoundException or PathTooLongException => false,
            IOException io => io.InnerException is null || IsTransient(io.InnerException),
            _ => false,
        };
    }

    /// <summary>True for the SQLSTATEs that mean the server cannot take the connection right now (the dialect's list).</summary>
    public static bool IsTransientSqlState(string? sqlState) => PostgresDialect.Instance.IsTransient(sqlState);
}
