using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace MigrationTasks.Sqlite.Execution;

/// <summary>
/// The run's fixed statements (SAVEPOINT, RELEASE, the lease check, BEGIN IMMEDIATE, COMMIT, the history insert), each prepared once on
/// the work connection and reset after every use, as the migrations' own statements cannot be: a thousand migrations
/// run each of them a thousand times. Disposed before the connection closes.
/// </summary>
internal sealed class PreparedStatements(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, sqlite3_stmt> _statements = new(StringComparer.Ordinal);

    public void Execute(string sql) => Execute(sql, []);

    /// <summary>Runs <paramref name="sql"/> with <paramref name="values"/> bound to <c>?1</c>, <c>?2</c>, …: text, integers or null.</summary>
    public void Execute(string sql, params ReadOnlySpan<object?> values)
    {
        var statement = Prepare(sql);
        try
        {
            for (var i = 0; i < values.Length; i++)
            {
                Bind(statement, i + 1, values[i]);
            }

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

    private void Bind(sqlite3_stmt statement, int index, object? value)
    {
        var rc = value switch
        {
            null => raw.sqlite3_bind_null(statement, index),
            string text => raw.sqlite3_bind_text(statement, index, text),
            long number => raw.sqlite3_bind_int64(statement, index, number),
            int number => raw.sqlite3_bind_int64(statement, index, number),
            _ => throw new ArgumentException($"cannot bind a {value.GetType().Name} to SQLite", nameof(value)),
        };
        if (rc != raw.SQLITE_OK)
        {
            throw RawSql.Error(connection.Handle!, rc);
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
