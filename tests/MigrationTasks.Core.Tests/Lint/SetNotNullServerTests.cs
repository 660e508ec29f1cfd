using MigrationTasks.Sql;
using MigrationTasks.Testing;
using Npgsql;

namespace MigrationTasks.Core.Tests.Lint;

/// <summary>
/// The lint's SET NOT NULL decision agrees with the server's: at client_min_messages = debug1,
/// PostgreSQL says "existing constraints on column ... are sufficient to prove that it does not
/// contain nulls" exactly when it skips the scan.
/// </summary>
public sealed class SetNotNullServerTests
{
    [TestCaseSource(typeof(SetNotNullTests), nameof(SetNotNullTests.Scripts))]
    public async Task The_server_skips_the_scan_exactly_when_the_lint_stays_quiet(string script, bool warns)
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var connection = await database.OpenConnectionAsync();
        await ExecuteAllAsync(connection, """
            CREATE SCHEMA other;
            CREATE TABLE orders (id bigint, total numeric, note text);
            CREATE TABLE other.orders (id bigint, total numeric);
            INSERT INTO orders SELECT g, g, 'n' FROM generate_series(1, 100) g;
            INSERT INTO other.orders SELECT g, g FROM generate_series(1, 100) g;
            """);
        var statements = SqlSplitter.Split(script).Statements;
        foreach (var statement in statements.SkipLast(1))
        {
            await ExecuteAsync(connection, statement.Text);
        }

        var notices = new List<string>();
        connection.Notice += (_, e) => notices.Add(e.Notice.MessageText);
        await ExecuteAsync(connection, "SET client_min_messages = debug1");
        await ExecuteAsync(connection, statements[^1].Text);

        var skipped = notices.Any(n => n.Contains("sufficient to prove that it does not contain nulls", StringComparison.Ordinal));
        Assert.That(skipped, Is.EqualTo(!warns), string.Join('\n', notices));
    }

    private static async Task ExecuteAllAsync(NpgsqlConnection connection, string sql)
    {
        foreach (var statement in SqlSplitter.Split(sql).Statements)
        {
            await ExecuteAsync(connection, statement.Text);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
