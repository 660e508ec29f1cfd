using MigrationTasks.Lint;
using MigrationTasks.Sql;
using MigrationTasks.Testing;
using Npgsql;

namespace MigrationTasks.Postgres.Tests.Lint;

/// <summary>
/// What <c>migrations plan</c> says of a statement is what the server does: run inside a transaction,
/// the statement holds exactly the named lock as its strongest on the table, and changes the table's
/// relfilenode (a rewrite) exactly when plan says it rewrites the table.
/// </summary>
public sealed class StatementLocksServerTests
{
    private const string Schema = """
        CREATE TABLE customers (id bigint PRIMARY KEY);
        CREATE TABLE orders (id bigint PRIMARY KEY, total numeric, c bigint);
        INSERT INTO customers SELECT g FROM generate_series(1, 50) g;
        INSERT INTO orders SELECT g, g, g FROM generate_series(1, 50) g;
        CREATE INDEX orders_total_idx ON orders (total);
        ALTER TABLE orders ADD CONSTRAINT orders_c_fk FOREIGN KEY (c) REFERENCES customers (id) NOT VALID;
        CREATE MATERIALIZED VIEW totals AS SELECT count(*) AS n FROM customers;
        CREATE SCHEMA archive;
        CREATE TABLE events (y int NOT NULL) PARTITION BY LIST (y);
        CREATE TABLE events_2024 PARTITION OF events FOR VALUES IN (2024);
        CREATE TABLE events_2025 (y int NOT NULL);
        """;

    // Weakest first, as PostgreSQL's conflict table orders them.
    private static readonly string[] Modes =
        ["AccessShareLock", "RowShareLock", "RowExclusiveLock", "ShareUpdateExclusiveLock", "ShareLock", "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock"];

    // Effects that say nothing about a rewrite (TRUNCATE and REFRESH swap in a new file, DROP removes it).
    private static readonly string[] SilentOnRewrite = ["deletes every row", "deletes the table", "deletes the view", "blocks reads while it refreshes"];

    public static IEnumerable<object> InTransaction() =>
        StatementLocksTests.Locking.Cast<object[]>()
            .Where(c => !((string)c[0]).Contains("CONCURRENTLY", StringComparison.Ordinal) && !((string)c[0]).StartsWith("VACUUM", StringComparison.Ordinal))
            .Select(c => (object)new object[] { c[0] });

    [TestCaseSource(nameof(InTransaction))]
    public async Task The_server_takes_the_lock_and_rewrites_as_plan_says(string statement)
    {
        var described = StatementLocks.Describe(SqlSplitter.Split(statement + ";").Statements)[0]!;
        var table = described.Table.StartsWith("the table of index", StringComparison.Ordinal) ? "orders" : described.Table;
        await using var database = await TestDatabase.CreateAsync();
        await using var connection = await database.OpenConnectionAsync();
        foreach (var setUp in SqlSplitter.Split(Schema).Statements)
        {
            await ScalarAsync(connection, setUp.Text);
        }

        await using var transaction = await connection.BeginTransactionAsync();
        var oid = await ScalarAsync(connection, $"SELECT '{table}'::regclass::oid");
        var before = await ScalarAsync(connection, $"SELECT relfilenode FROM pg_class WHERE oid = {oid}");
        await ScalarAsync(connection, statement);
        var held = new List<string>();
        await using (var command = new NpgsqlCommand($"SELECT mode FROM pg_locks WHERE locktype = 'relation' AND relation = {oid} AND pid = pg_backend_pid() AND granted", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                held.Add(reader.GetString(0));
            }
        }

        var after = await ScalarAsync(connection, $"SELECT relfilenode FROM pg_class WHERE oid = {oid}");
        await transaction.RollbackAsync();

        var strongest = held.MaxBy(m => Array.IndexOf(Modes, m));
        Assert.That(strongest, Is.EqualTo(string.Concat(described.Mode.Split(' ').Select(w => w[0] + w[1..].ToLowerInvariant())) + "Lock"), string.Join(", ", held));
        if (!SilentOnRewrite.Contains(described.Effect))
        {
            Assert.That(!Equals(before, after), Is.EqualTo(described.Effect == "rewrites the table"), $"relfilenode {before} -> {after}");
        }
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
