using Npgsql;

namespace MigrationTasks.Postgres.Resilience;

// Server refusals at connect time, each with the next step a user can take. The server's own
// text is kept because it names the user or database; it never contains the password.
internal static class ConnectErrors
{
    public static DatabaseConnectException FromServer(PostgresException e, NpgsqlConnectionStringBuilder settings, string where)
    {
        var target = DatabaseConnector.Describe(settings);
        // The server's text for these two already names the database; saying it twice reads as two databases.
        var server = DatabaseConnector.Describe(settings, withDatabase: false);
        var message = e.SqlState switch
        {
            PostgresErrorCodes.InvalidPassword =>
                $"{e.MessageText} at {target}: check the credentials in {where}.",
            PostgresErrorCodes.InvalidAuthorizationSpecification =>
                $"The server at {target} refused the login: {e.MessageText}. Check the user name in {where} and the server's pg_hba.conf rules (host, user, database, SSL).",
            PostgresErrorCodes.InvalidCatalogName =>
                $"{e.MessageText} at {server}: create it first, or fix the database name in {where}.",
            PostgresErrorCodes.InsufficientPrivilege =>
                $"{e.MessageText} at {server}: grant the user CONNECT on the database, or use another user in {where}.",
            PostgresErrorCodes.DiskFull =>
                $"{e.MessageText} at {target}: the server is out of disk space; free some and run again.",
            _ =>
                $"The server at {target} refused the connection: {e.SqlState}: {e.MessageText}. Check the settings in {where}.",
        };
        return new DatabaseConnectException(message, e) { SqlState = e.SqlState };
    }
}
