using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;
using Npgsql;

namespace MigrationTasks.Postgres;

/// <summary>
/// Errors of the runner's own queries (history, audit, lock) that are the database's configuration,
/// not a bug: the connection lost, a read-only database, a missing privilege, a role's statement_timeout.
/// Each becomes exit 5 with its SQLSTATE and what to change; the database is left as it was, since
/// nothing the runner does before a migration is committed on failure.
/// </summary>
internal static class ServerRefusals
{
    /// <param name="doing">What the runner was doing, completing "while ...".</param>
    /// <param name="inFlight">What became of the work in flight when the connection was lost.</param>
    /// <param name="left">What a refusal leaves of the database, ending its message: "nothing was changed" only where that is so.</param>
    public static MigrationRunException? Describe(NpgsqlException e, NpgsqlConnection connection, string doing, string inFlight, string left)
    {
        if (connection.State != System.Data.ConnectionState.Open)
        {
            var reason = e is PostgresException lost ? $"{lost.SqlState}: {lost.MessageText}" : e.Message;
            return Refused(DiagnosticCodes.DatabaseUnreachable, $"lost the connection to the database while {doing} ({reason}); {inFlight}. Run again once the database is back", e);
        }

        if (e is not PostgresException server)
        {
            return null;
        }

        var error = $"{server.SqlState}: {server.MessageText}";
        var role = connection.UserName ?? "the runner's role";
        return server.SqlState switch
        {
            PostgresErrorCodes.ReadOnlySqlTransaction => Refused(DiagnosticCodes.DatabaseReadOnly,
                $"the database is read-only ({error}) while {doing}: it is a standby, or default_transaction_read_only is on for the database or role {role}. Point the connection at the primary, or turn it off (ALTER DATABASE ... SET default_transaction_read_only = off); {left}", e),
            PostgresErrorCodes.QueryCanceled => Refused(DiagnosticCodes.RunnerQueryCancelled,
                $"the server cancelled the runner's own query while {doing} ({error}), probably a statement_timeout set for the role {role} or the database. Lift it for the runner (ALTER ROLE ... SET statement_timeout = 0); each migration still gets the timeouts of --statement-timeout and its directives; {left}", e),
            PostgresErrorCodes.InsufficientPrivilege => Refused(DiagnosticCodes.RunnerLacksPrivilege,
                $"the role {role} lacks a privilege the runner needs while {doing} ({error}). Grant it CREATE on the history schema (or on the database, to create the schema), and rights on the history and audit tables, or run as the role that owns them; {left}", e),
            PostgresErrorCodes.InvalidSchemaName => Refused(DiagnosticCodes.RunnerSchemaMissing,
                $"a schema the runner needs is missing while {doing} ({error}). Create it, or set history.schema to one that exists; {left}", e),
            _ => null,
        };
    }

    private static MigrationRunException Refused(string code, string message, Exception e) =>
        new(RunOutcome.DatabaseUnreachable, Diagnostic.Error(code, message), e);
}
