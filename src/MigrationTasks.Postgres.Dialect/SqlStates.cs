namespace MigrationTasks.Postgres.Dialect;

/// <summary>
/// The SQLSTATEs the tool treats specially, in one place: those worth retrying while connecting,
/// and those after which a failed migration may be re-run. Written as the codes themselves (with
/// their names) rather than a driver's constants, so that this project needs no driver.
/// </summary>
public static class SqlStates
{
    /// <summary>
    /// A migration that failed with one of these was rolled back entirely by PostgreSQL and may pass
    /// on a second try; nothing else is re-run.
    /// </summary>
    public static readonly IReadOnlySet<string> RetryableMigrationFailures = new HashSet<string>(StringComparer.Ordinal)
    {
        "55P03", // lock_not_available (lock_timeout)
        "40P01", // deadlock_detected
        "40001", // serialization_failure
    };

    /// <summary>The server cannot take the connection (or the lock) right now: starting, restarting, overloaded.</summary>
    public static readonly IReadOnlySet<string> TransientConnectionFailures = new HashSet<string>(StringComparer.Ordinal)
    {
        // Class 08, connection exceptions (08P01 protocol_violation is a bug, not a blip).
        "08000", // connection_exception
        "08003", // connection_does_not_exist
        "08006", // connection_failure
        "08001", // sqlclient_unable_to_establish_sqlconnection
        "08004", // sqlserver_rejected_establishment_of_sqlconnection
        "08007", // transaction_resolution_unknown

        // Class 53, insufficient resources; disk_full (53100) needs an operator, not a wait.
        "53000", // insufficient_resources
        "53200", // out_of_memory
        "53300", // too_many_connections
        "53400", // configuration_limit_exceeded

        // Class 57, the server going down or not up yet.
        "57P01", // admin_shutdown
        "57P02", // crash_shutdown
        "57P03", // cannot_connect_now: "the database system is starting up"

        // Class 58, operating-system errors on the server.
        "58000", // system_error
        "58030", // io_error
    };
}
