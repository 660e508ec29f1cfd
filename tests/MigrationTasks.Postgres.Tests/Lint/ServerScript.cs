using MigrationTasks.Sql;
using MigrationTasks.Testing;
using Npgsql;

namespace MigrationTasks.Postgres.Tests.Lint;

/// <summary>Runs the set-up and statements of the server-checked lint tests, one statement per command as the driver wants.</summary>
internal static class ServerScript
{
    public static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    public static async Task<TestDatabase> SetUpAsync(params string[] statements)
    {
        var database = await TestDatabase.CreateAsync();
        foreach (var statement in statements)
        {
            await database.ExecuteAsync(statement);
        }

        return database;
    }

    // The statements of `sql`, one at a time on one connection (the driver takes one statement per command).
    public static async Task RunAsync(TestDatabase database, string sql)
    {
        await using var connection = await database.OpenConnectionAsync();
        foreach (var statement in SqlSplitter.Split(sql).Statements)
        {
            await using var command = new NpgsqlCommand(statement.Text, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    // The SQLSTATE the script fails with, or null when it succeeds.
    public static async Task<string?> FailureAsync(TestDatabase database, string sql)
    {
        try
        {
            await RunAsync(database, sql);
            return null;
        }
        catch (PostgresException e)
        {
            return e.SqlState;
        }
    }

    // The relation locks held on `table` just after `statement` ran in a transaction (rolled back afterwards).
    public static async Task<List<string>> TableLocksAsync(TestDatabase database, string table, string statement)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var run = new NpgsqlCommand(statement, connection, transaction))
        {
            await run.ExecuteNonQueryAsync();
        }

        var held = new List<string>();
        await using var locks = new NpgsqlCommand(
            $"SELECT mode FROM pg_locks WHERE locktype = 'relation' AND relation = '{table}'::regclass AND pid = pg_backend_pid()", connection, transaction);
        await using (var reader = await locks.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                held.Add(reader.GetString(0));
            }
        }

        await transaction.RollbackAsync();
        return held;
    }

    /// <summary>
    /// Runs <paramref name="setUp"/> and then <paramref name="script"/> on one connection, and returns the
    /// messages the server sent at client_min_messages = debug1 while running the script's last statement
    /// (where PostgreSQL says that existing constraints spared it a scan).
    /// </summary>
    public static async Task<List<string>> DebugMessagesOfLastAsync(NpgsqlConnection connection, string setUp, string script)
    {
        foreach (var statement in SqlSplitter.Split(setUp).Statements)
        {
            await ExecuteAsync(connection, statement.Text);
        }

        var statements = SqlSplitter.Split(script).Statements;
        foreach (var statement in statements.SkipLast(1))
        {
            await ExecuteAsync(connection, statement.Text);
        }

        var notices = new List<string>();
        connection.Notice += (_, e) => notices.Add(e.Notice.MessageText);
        await ExecuteAsync(connection, "SET client_min_messages = debug1");
        await ExecuteAsync(connection, statements[^1].Text);
        return notices;
    }
}
