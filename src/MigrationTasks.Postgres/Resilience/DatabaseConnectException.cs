namespace MigrationTasks.Postgres.Resilience;

/// <summary>
/// Connecting failed for a reason retrying cannot fix (wrong password, missing database, no
/// permission, TLS misconfiguration). The message says what to do and never holds the password.
/// </summary>
public sealed class DatabaseConnectException : Exception
{
    public DatabaseConnectException()
        : base("Could not connect to the database.")
    {
    }

    public DatabaseConnectException(string message)
        : base(message)
    {
    }

    public DatabaseConnectException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The server's SQLSTATE when the server refused the connection, otherwise null.</summary>
    public string? SqlState { get; init; }
}
