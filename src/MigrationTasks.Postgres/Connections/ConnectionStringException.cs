namespace MigrationTasks.Postgres.Connections;

/// <summary>
/// A connection string or URI that cannot be used, or no connection setting at all.
/// The message says what is wrong and what to do; it never contains a password, so it is safe
/// to print, log and put in JSON events.
/// </summary>
public sealed class ConnectionStringException : Exception
{
    public ConnectionStringException()
        : base("The connection string is not valid.")
    {
    }

    public ConnectionStringException(string message)
        : base(message)
    {
    }

    // Callers must pass only inner exceptions whose text cannot hold a password.
    public ConnectionStringException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
