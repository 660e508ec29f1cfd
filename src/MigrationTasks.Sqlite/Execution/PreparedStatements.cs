using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace MigrationTasks.Sqlite.Execution;

/// <summary>
/// The run's fixed statements (SAVEPOINT, RELEASE, the lease check, BEGIN IMMEDIATE, COMMIT), each prepared once on
/// the work connection and reset after every use, as the migrations' own statements cannot be: a thousand migrations
/// run each of them a thousand times. Disposed before the connection closes.
/// </summary>
internal sealed class PreparedStatements(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, sqlite3_stmt> _statements = new(StringComparer.Ordinal);

    public void Execute(string sql)
    {
        var statement = Prepare(sql);
        try
        {
            int rc;
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
            }

            if (rc != raw.SQLITE_DONE)
            {
                throw RawSql.Error(connection.Handle!, rc);
            }
        }
        finally
        {
            raw.sqlite3_reset(statement);
        }
    }

    /// <summary>The first column of the first row as text, or null.</summary>
    public string? Text(string sql)
    {
        var statement = Prepare(sql);
        try
        {
            var rc = raw.sqlite3_step(statement);
            return rc switch
            {
                raw.SQLITE_ROW => raw.sqlite3_column_text(statement, 0).utf8_to_string(),
                raw.SQLITE_DONE => null,
                _ => throw RawSql.Error(connection.Handle!, rc),
            };
        }
        finally
        {
            raw.sqlite3_reset(statement);
        }
    }

    private sqlite3_stmt Prepare(string sql)
    {
        if (_statements.TryGetValue(sql, out var statement))
        {
            return statement;
        }

        var database = connection.Handle!;
        var rc = raw.sqlite3_prepare_v2(database, sql, out statement);
        if (rc != raw.SQLITE_OK)
        {
            statement.Dispose();
            throw RawSql.Error(database, rc);
        }

        _statements.Add(sql, statement);
        return statement;
    }

    public void Dispose()
    {
        foreach (var statement in _statements.Values)
        {
            statement.Dispose();
        }

        _statements.Clear();
    }
}
