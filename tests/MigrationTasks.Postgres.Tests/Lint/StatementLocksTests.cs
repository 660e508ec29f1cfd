using MigrationTasks.Lint;
using MigrationTasks.Sql;

namespace MigrationTasks.Postgres.Tests.Lint;

public sealed class StatementLocksTests
{
    private static string? Lock(string sql) => StatementLocks.Describe(SqlSplitter.Split(sql).Statements)[^1]?.ToString();

    /// <summary>Statements over the tables of <see cref="StatementLocksServerTests"/>, and what plan says of each.</summary>
    internal static readonly object[] Locking =
    [
        new object[] { "ALTER TABLE orders ALTER COLUMN total TYPE bigint", "ACCESS EXCLUSIVE on orders, rewrites the table" },
        new object[] { "ALTER TABLE orders ADD COLUMN ref uuid DEFAULT gen_random_uuid()", "ACCESS EXCLUSIVE on orders, rewrites the table" },
        new object[] { "ALTER TABLE orders ADD COLUMN note text", "ACCESS EXCLUSIVE on orders" },
        new object[] { "ALTER TABLE orders ALTER COLUMN total SET NOT NULL", "ACCESS EXCLUSIVE on orders, scans every row" },
        new object[] { "ALTER TABLE orders ADD CHECK (total >= 0)", "ACCESS EXCLUSIVE on orders, scans every row" },
        new object[] { "ALTER TABLE orders ADD CONSTRAINT u UNIQUE (c)", "ACCESS EXCLUSIVE on orders, builds an index" },
        new object[] { "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (c) REFERENCES customers (id)", "SHARE ROW EXCLUSIVE on orders, scans every row" },
        new object[] { "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (c) REFERENCES customers (id) NOT VALID", "SHARE ROW EXCLUSIVE on orders" },
        new object[] { "ALTER TABLE orders VALIDATE CONSTRAINT orders_c_fk", "SHARE UPDATE EXCLUSIVE on orders" },
        new object[] { "ALTER TABLE orders SET (fillfactor = 90)", "SHARE UPDATE EXCLUSIVE on orders" },
        new object[] { "CREATE INDEX i ON orders (total)", "SHARE on orders, blocks writes while the index builds" },
        new object[] { "CREATE INDEX CONCURRENTLY i ON app.orders (total)", "SHARE UPDATE EXCLUSIVE on app.orders, builds the index without blocking writes" },
        new object[] { "DROP TABLE IF EXISTS orders", "ACCESS EXCLUSIVE on orders, deletes the table" },
        new object[] { "DROP INDEX orders_total_idx", "ACCESS EXCLUSIVE on the table of index orders_total_idx" },
        new object[] { "TRUNCATE orders", "ACCESS EXCLUSIVE on orders, deletes every row" },
        new object[] { "VACUUM FULL orders", "ACCESS EXCLUSIVE on orders, rewrites the table" },
        new object[] { "CLUSTER orders USING orders_pkey", "ACCESS EXCLUSIVE on orders, rewrites the table" },
        new object[] { "REFRESH MATERIALIZED VIEW totals", "ACCESS EXCLUSIVE on totals, blocks reads while it refreshes" },
        new object[] { "ALTER TABLE orders ADD COLUMN customer_id bigint REFERENCES customers (id)", "ACCESS EXCLUSIVE on orders, scans every row" },
        new object[] { "ALTER TABLE orders ADD COLUMN code text UNIQUE", "ACCESS EXCLUSIVE on orders, builds an index" },
        new object[] { "ALTER TABLE orders SET UNLOGGED", "ACCESS EXCLUSIVE on orders, rewrites the table" },
        new object[] { "ALTER TABLE orders ADD COLUMN gross numeric GENERATED ALWAYS AS (total * 2) STORED", "ACCESS EXCLUSIVE on orders, rewrites the table" },
        new object[] { "ALTER TABLE orders ADD CONSTRAINT no_twins EXCLUDE USING btree (c WITH =)", "ACCESS EXCLUSIVE on orders, builds an index" },
        new object[] { "ALTER TABLE orders SET SCHEMA archive", "ACCESS EXCLUSIVE on orders" },
        new object[] { "LOCK TABLE orders", "ACCESS EXCLUSIVE on orders" },
        new object[] { "LOCK orders IN SHARE MODE", "SHARE on orders" },
        new object[] { "LOCK TABLE ONLY orders IN ROW EXCLUSIVE MODE NOWAIT", "ROW EXCLUSIVE on orders" },
        new object[] { "ALTER TABLE events DETACH PARTITION events_2024", "ACCESS EXCLUSIVE on events" },
        new object[] { "ALTER TABLE events ATTACH PARTITION events_2025 FOR VALUES IN (2025)", "SHARE UPDATE EXCLUSIVE on events" },
        new object[] { "ALTER TABLE orders RESET (fillfactor)", "SHARE UPDATE EXCLUSIVE on orders" },
        new object[] { "DROP MATERIALIZED VIEW IF EXISTS totals", "ACCESS EXCLUSIVE on totals, deletes the view" },
        new object[] { "REINDEX INDEX orders_total_idx", "SHARE on the table of index orders_total_idx, blocks writes while the indexes rebuild" },
        new object[] { "REINDEX (VERBOSE, CONCURRENTLY 'false') TABLE orders", "SHARE on orders, blocks writes while the indexes rebuild" },
        new object[] { "VACUUM (FULL) orders", "ACCESS EXCLUSIVE on orders, rewrites the table" },
    ];

    [TestCaseSource(nameof(Locking))]
    public void A_locking_statement_names_its_lock_table_and_cost(string statement, string expected)
    {
        Assert.That(Lock(statement + ";"), Is.EqualTo(expected));
    }

    [Test]
    public void Detaching_a_partition_concurrently_takes_share_update_exclusive_on_the_parent()
    {
        Assert.That(Lock("ALTER TABLE events DETACH PARTITION events_2024 CONCURRENTLY;"), Is.EqualTo("SHARE UPDATE EXCLUSIVE on events"));
    }

    [TestCase("SELECT 1")]
    [TestCase("INSERT INTO orders VALUES (1)")]
    [TestCase("DROP INDEX CONCURRENTLY i")]
    [TestCase("REFRESH MATERIALIZED VIEW CONCURRENTLY totals")]
    [TestCase("COMMENT ON TABLE orders IS 'ALTER TABLE orders ALTER COLUMN x TYPE int'")]
    public void A_statement_without_a_notable_lock_shows_none(string statement)
    {
        Assert.That(Lock(statement + ";"), Is.Null);
    }

    [Test]
    public void A_table_created_earlier_in_the_migration_shows_no_lock()
    {
        var locks = StatementLocks.Describe(SqlSplitter.Split("CREATE TABLE t (n integer);\nCREATE INDEX ON t (n);\nCREATE INDEX ON orders (n);").Statements);

        Assert.That(locks.Select(l => l?.Table), Is.EqualTo(new[] { null, null, "orders" }));
    }
}
