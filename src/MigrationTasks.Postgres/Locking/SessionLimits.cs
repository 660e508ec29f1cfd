using Npgsql;

namespace MigrationTasks.Postgres.Locking;

/// <summary>
/// A run needs two sessions at once: the work session and the one that holds the migration lock. A login role or a
/// database whose CONNECTION LIMIT is 1 lets the work session in and refuses the lock's (53300, too many connections)
/// for as long as the run lasts, which the connect retry would wait out to its deadline (300 s by default) and then
/// report as an unreachable server. Superusers are not held to either limit.
/// </summary>
internal static class SessionLimits
{
    /// <summary>Why a second session can never connect, read on the (idle) work session; null when it can.</summary>
    public static async Task<string?> LeaveNoRoomAsync(NpgsqlConnection work, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand(
            "SELECT r.rolname, r.rolconnlimit, d.datname, d.datconnlimit FROM pg_roles r, pg_database d "
            + "WHERE r.rolname = session_user AND NOT r.rolsuper AND d.datname = current_database()", work);
        await using var commandLifetime = command.ConfigureAwait(false);
        try
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using var readerLifetime = reader.ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            var (role, roleLimit, database, databaseLimit) = (reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetInt32(3));
            return roleLimit is >= 0 and < 2 ? NoRoom($"the role \"{role}\"", roleLimit, $"ALTER ROLE {Quoted(role)}")
                : databaseLimit is >= 0 and < 2 ? NoRoom($"the database \"{database}\"", databaseLimit, $"ALTER DATABASE {Quoted(database)}")
                : null;
        }
        catch (PostgresException)
        {
            // Only a better message was at stake: the lock's session goes on connecting as before.
            return null;
        }
    }

    private static string NoRoom(string who, int limit, string alter) =>
        $"a run needs two sessions at once (one applies the migrations, one holds the migration lock), and {who} allows {limit} "
        + $"(CONNECTION LIMIT {limit}). Raise the limit to 2, more if the application logs in the same way ({alter} CONNECTION LIMIT 2), "
        + "or run as another role; nothing was changed";

    private static string Quoted(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
