using MigrationTasks.Testing;

namespace MigrationTasks.Postgres.Tests.Lint;

/// <summary>
/// The PostgreSQL facts behind <see cref="LintPrecisionTests"/>, checked on the server: what a quoted type or
/// option value means, what rewrites the table (relfilenode), what locks what (pg_locks), what cannot fail.
/// </summary>
public sealed class LintPrecisionServerTests
{
    private static readonly string[] Orders = ["CREATE TABLE orders (id bigint PRIMARY KEY, total numeric)", "INSERT INTO orders SELECT g, g FROM generate_series(1, 20) g"];

    [Test]
    public async Task A_delete_in_a_cte_without_where_deletes_every_row()
    {
        await using var database = await ServerScript.SetUpAsync(Orders);

        await ServerScript.RunAsync(database, "WITH d AS (DELETE FROM orders RETURNING id) SELECT count(*) FROM d");

        Assert.That(await database.ScalarAsync<long>("SELECT count(*) FROM orders"), Is.Zero);
    }

    [TestCase("bigserial", "bigint")]
    [TestCase("\"bigserial\"", "bigint")]
    [TestCase("\"serial\"", "integer")]
    public async Task A_serial_however_quoted_creates_a_sequence_of_its_width(string type, string sequenceType)
    {
        await using var database = await ServerScript.SetUpAsync($"CREATE TABLE t (id {type} PRIMARY KEY)");

        Assert.That(await database.ScalarAsync<string>("SELECT data_type FROM information_schema.sequences WHERE sequence_name = 't_id_seq'"), Is.EqualTo(sequenceType));
    }

    [Test]
    public async Task A_quoted_bpchar_is_character_n()
    {
        await using var database = await ServerScript.SetUpAsync("CREATE TABLE t (code \"bpchar\"(50))");

        Assert.That(await database.ScalarAsync<string>("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 't'::regclass AND attname = 'code'"),
            Is.EqualTo("character(50)"));
    }

    [TestCase("REINDEX (CONCURRENTLY 'false') TABLE orders")]
    [TestCase("REINDEX (CONCURRENTLY E'false') TABLE orders")]
    [TestCase("REINDEX (CONCURRENTLY U&'false') TABLE orders")]
    public async Task A_quoted_false_runs_reindex_without_concurrently(string reindex)
    {
        await using var database = await ServerScript.SetUpAsync(Orders);

        // REINDEX CONCURRENTLY refuses a transaction block (25001); the plain one runs in it.
        var failure = await ServerScript.FailureAsync(database, $"BEGIN; {reindex}; COMMIT");
        var concurrently = await ServerScript.FailureAsync(database, "BEGIN; REINDEX (CONCURRENTLY) TABLE orders; COMMIT");

        Assert.That(failure, Is.Null);
        Assert.That(concurrently, Is.EqualTo("25001"));
    }

    [TestCase("VACUUM (FULL 'false') orders", false)]
    [TestCase("VACUUM (FULL E'off') orders", false)]
    [TestCase("VACUUM (FULL) orders", true)]
    public async Task Vacuum_rewrites_the_table_only_when_full_is_on(string vacuum, bool rewrites)
    {
        await using var database = await ServerScript.SetUpAsync(Orders);
        var before = await database.ScalarAsync<long>("SELECT pg_relation_filenode('orders')::bigint");

        await database.ExecuteAsync(vacuum);

        Assert.That(await database.ScalarAsync<long>("SELECT pg_relation_filenode('orders')::bigint") != before, Is.EqualTo(rewrites));
    }

    // PL/pgSQL, because the planner inlines a one-line SQL function into its body and judges that instead.
    [TestCase("CREATE FUNCTION make_code() RETURNS text LANGUAGE plpgsql AS $$ BEGIN RETURN 'x'; END $$", "make_code()", true)]
    [TestCase("CREATE FUNCTION make_code() RETURNS text LANGUAGE plpgsql STABLE AS $$ BEGIN RETURN 'x'; END $$", "make_code()", false)]
    [TestCase("SELECT 1", "now()", false)]
    [TestCase("SELECT 1", "lower('X')", false)]
    public async Task A_default_rewrites_the_table_when_its_function_is_volatile_the_default_for_a_users_function(string function, string call, bool rewrites)
    {
        await using var database = await ServerScript.SetUpAsync([.. Orders, function]);
        var before = await database.ScalarAsync<long>("SELECT pg_relation_filenode('orders')::bigint");

        await database.ExecuteAsync($"ALTER TABLE orders ADD COLUMN code text DEFAULT {call}");

        Assert.That(await database.ScalarAsync<long>("SELECT pg_relation_filenode('orders')::bigint") != before, Is.EqualTo(rewrites));
    }

    [Test]
    public async Task Add_column_not_null_without_default_succeeds_after_deleting_every_row()
    {
        await using var database = await ServerScript.SetUpAsync(Orders);

        var withRows = await ServerScript.FailureAsync(database, "ALTER TABLE orders ADD COLUMN note text NOT NULL");
        var afterDelete = await ServerScript.FailureAsync(database, "BEGIN; DELETE FROM orders; ALTER TABLE orders ADD COLUMN note text NOT NULL; COMMIT");

        Assert.That(withRows, Is.EqualTo("23502"));
        Assert.That(afterDelete, Is.Null);
    }

    [Test]
    public async Task An_index_on_a_materialized_view_created_in_the_transaction_blocks_no_one_else()
    {
        await using var database = await ServerScript.SetUpAsync(Orders);
        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await ServerScript.ExecuteAsync(connection, "CREATE MATERIALIZED VIEW totals AS SELECT sum(total) AS n FROM orders");
        await ServerScript.ExecuteAsync(connection, "CREATE INDEX totals_n_idx ON totals (n)");

        // Uncommitted, the view is invisible to every other session: nobody can be waiting on it.
        Assert.That(await database.ScalarAsync<long>("SELECT count(*) FROM pg_class WHERE relname = 'totals'"), Is.Zero);
        await transaction.RollbackAsync();
    }

    [Test]
    public async Task A_foreign_key_added_not_valid_takes_share_row_exclusive_on_both_tables()
    {
        await using var database = await ServerScript.SetUpAsync(["CREATE TABLE customers (id bigint PRIMARY KEY)", .. Orders, "ALTER TABLE orders ADD COLUMN c bigint"]);
        const string fk = "ALTER TABLE orders ADD CONSTRAINT orders_c_fk FOREIGN KEY (c) REFERENCES customers (id) NOT VALID";

        Assert.That(await ServerScript.TableLocksAsync(database, "orders", fk), Does.Contain("ShareRowExclusiveLock"));
        Assert.That(await ServerScript.TableLocksAsync(database, "customers", fk), Does.Contain("ShareRowExclusiveLock"));
    }

    [TestCase("ALTER TABLE orders SET (fillfactor = 70)")]
    [TestCase("ALTER TABLE orders RESET (fillfactor)")]
    public async Task Setting_or_resetting_fillfactor_takes_only_share_update_exclusive(string statement)
    {
        await using var database = await ServerScript.SetUpAsync(Orders);

        Assert.That(await ServerScript.TableLocksAsync(database, "orders", statement), Is.EqualTo(new[] { "ShareUpdateExclusiveLock" }));
    }

    [TestCase("LOCK TABLE orders", "AccessExclusiveLock")]
    [TestCase("DROP VIEW order_totals", "AccessExclusiveLock")]
    [TestCase("REINDEX INDEX orders_pkey", "ShareLock")]
    public async Task The_statements_the_lock_timeout_rule_now_covers_take_a_lock_that_blocks_writes(string statement, string mode)
    {
        await using var database = await ServerScript.SetUpAsync([.. Orders, "CREATE VIEW order_totals AS SELECT sum(total) FROM orders"]);
        var relation = statement.StartsWith("DROP VIEW", StringComparison.Ordinal) ? "order_totals" : "orders";
        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        // By oid, read before the statement: a dropped view has no name left to look up.
        var oid = await ServerScript.ScalarAsync(connection, $"SELECT '{relation}'::regclass::oid");
        await ServerScript.ExecuteAsync(connection, statement);

        var held = await ServerScript.ScalarAsync(connection, $"SELECT string_agg(mode, ',') FROM pg_locks WHERE locktype = 'relation' AND relation = {oid} AND pid = pg_backend_pid()");

        Assert.That(((string)held!).Split(','), Does.Contain(mode));
        await transaction.RollbackAsync();
    }
}
