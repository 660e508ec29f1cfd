using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace MigrationTasks.Sqlite.Execution;

/// <summary>
/// Runs one statement straight on SQLite's C API (prepare, step, finalize), as the sqlite3 shell does.
/// A migration's statements and the transaction control around them go this way: through
/// SqliteCommand each cost about as much again in the driver as in SQLite (eng/bench/sqlite.sh, 1,000
/// tiny migrations: client CPU 0.5 s against the shell's 0.25 s). Waits for the write lock by the
/// connection's busy timeout (set by <see cref="SqliteProvider.Open"/>).
/// </summary>
internal static class RawSql
{
    public static void Execute(SqliteConnection connection, string sql)
    {
        var database = connection.Handle!;
        var rc = raw.sqlite3_prepare_v2(database, sql, out var statement);
        using (statement)
        {
            if (rc != raw.SQLITE_OK)
            {
                throw Error(database, rc);
            }

            // A text of only comments prepares to no statement.
            if (statement.IsInvalid)
            {
                return;
            }

            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
            }

            if (rc != raw.SQLITE_DONE)
            {
                throw Error(database, rc);
            }
        }
    }

    /// <summary>The first column of the first row as text, or null.</summary>
    public static string? Text(SqliteConnection connection, string sql)
    {
        var database = connection.Handle!;
        var rc = raw.sqlite3_prepare_v2(database, sql, out var statement);
        using (statement)
        {
            if (rc != raw.SQLITE_OK)
            {
                throw Error(database, rc);
            }

            rc = raw.sqlite3_step(statement);
            return rc switch
            {
                raw.SQLITE_ROW => raw.sqlite3_column_text(statement, 0).utf8_to_string(),
                raw.SQLITE_DONE => null,
                _ => throw Error(database, rc),
            };
        }
    }

    /// <summary>Every row of <paramref name="sql"/>, each turned into a value by <paramref name="read"/> while it is current.</summary>
    public static List<T> Rows<T>(SqliteConnection connection, string sql, Func<RawRow, T> read)
    {
        var database = connection.Handle!;
        var rc = raw.sqlite3_prepare_v2(database, sql, out var statement);
        using (statement)
        {
            if (rc != raw.SQLITE_OK)
            {
                throw Error(database, rc);
            }

            var rows = new List<T>();
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                rows.Add(read(new RawRow(statement)));
            }

            return rc == raw.SQLITE_DONE ? rows : throw Error(database, rc);
        }
    }

    public static SqliteException Error(sqlite3 database, int rc) =>
        new(raw.sqlite3_errmsg(database).utf8_to_string(), rc, raw.sqlite3_extended_errcode(database));
}
