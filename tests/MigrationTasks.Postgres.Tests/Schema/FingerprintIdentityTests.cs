using MigrationTasks.Schema;

namespace MigrationTasks.Postgres.Tests.Schema;

/// <summary>The same schema gives the same fingerprint whatever the database is called and however the session is set.</summary>
public sealed class FingerprintIdentityTests
{
    // Something of every kind the fingerprint covers, with values whose text depends on session settings.
    internal const string RichSchema = """
        CREATE SCHEMA sales;
        COMMENT ON SCHEMA sales IS 'orders and such';
        CREATE TYPE sales.mood AS ENUM ('happy', 'sad');
        CREATE DOMAIN sales.positive AS numeric(12, 2) CHECK (VALUE > 0);
        CREATE TYPE sales.pair AS (left_side int, right_side text);
        CREATE SEQUENCE sales.invoice_numbers START 1000 INCREMENT 5;
        CREATE TABLE sales.orders (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            placed timestamptz NOT NULL DEFAULT '2024-03-01 12:00:00+00',
            grace interval DEFAULT '1 day 02:00:00',
            ratio double precision DEFAULT 0.1,
            amount sales.positive,
            mood sales.mood DEFAULT 'happy',
            label text COLLATE "C",
            total numeric GENERATED ALWAYS AS (amount * 2) STORED,
            CONSTRAINT placed_recently CHECK (placed > '2020-01-01 00:00:00+00')
        );
        COMMENT ON COLUMN sales.orders.label IS 'shown to customers';
        CREATE INDEX orders_placed ON sales.orders (placed) WHERE grace > '01:00:00';
        CREATE TABLE sales.events (at date NOT NULL, what text) PARTITION BY RANGE (at);
        CREATE TABLE sales.events_2024 PARTITION OF sales.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
        CREATE VIEW sales.recent AS SELECT id, placed FROM sales.orders WHERE placed > '2024-01-01 00:00:00+00';
        CREATE MATERIALIZED VIEW sales.totals AS SELECT mood, sum(amount) AS total FROM sales.orders GROUP BY mood;
        CREATE FUNCTION sales.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.placed := now(); RETURN NEW; END $$;
        CREATE PROCEDURE sales.noop(a int) LANGUAGE sql AS $$ SELECT a $$;
        CREATE TRIGGER orders_touch BEFORE UPDATE ON sales.orders FOR EACH ROW EXECUTE FUNCTION sales.touch();
        ALTER TABLE sales.orders ENABLE ROW LEVEL SECURITY;
        CREATE POLICY mine ON sales.orders FOR SELECT USING (label = current_user);
        CREATE EXTENSION hstore;
        """;

    [Test]
    public async Task Two_databases_built_alike_under_different_names_time_zones_styles_and_search_paths_have_the_same_fingerprint()
    {
        // Given the same schema built twice, the second time under other session settings
        await using var first = await SchemaDatabase.BuiltAsync(RichSchema);
        await using var second = await SchemaDatabase.BuiltAsync(
            "SET TimeZone = 'Pacific/Chatham';\nSET DateStyle = 'SQL, DMY';\nSET IntervalStyle = 'iso_8601';\nSET extra_float_digits = 3;\n" + RichSchema);

        // When each is read, the second by a session with another search_path and time zone
        var a = await SchemaDatabase.FingerprintAsync(first);
        var b = await SchemaDatabase.FingerprintAsync(second, c =>
        {
            c.SearchPath = "sales, public";
            c.Timezone = "America/St_Johns";
        });

        // Then the fingerprints are equal, and describe the schema (a procedure's arguments carry their mode since PostgreSQL 14)
        Assert.That(first.Name, Is.Not.EqualTo(second.Name));
        Assert.That(b.Text, Is.EqualTo(a.Text));
        Assert.That(b.Hash, Is.EqualTo(a.Hash));
        Assert.That(a.Hash, Does.Match("^sha256:[0-9a-f]{64}$"));
        Assert.That(a.Text, Does.StartWith(SchemaFingerprint.Header + "\n"));
        Assert.That(a.Lines.Select(l => l.Key), Is.SupersetOf(new[]
        {
            "schema sales", "enum sales.mood", "domain sales.positive", "type sales.pair", "sequence sales.invoice_numbers",
            "table sales.orders", "column sales.orders.placed", "constraint sales.orders.placed_recently", "index sales.orders_placed",
            "table sales.events_2024", "view sales.recent", "materialized view sales.totals", "function sales.touch()",
            "procedure sales.noop(IN a integer)", "trigger sales.orders.orders_touch", "policy sales.orders.mine", "extension hstore",
        }));
    }

    [Test]
    public async Task A_column_added_later_reads_the_same_as_one_created_with_the_table()
    {
        await using var created = await SchemaDatabase.BuiltAsync("CREATE TABLE t (a int, b int DEFAULT 0);");
        await using var added = await SchemaDatabase.BuiltAsync("CREATE TABLE t (a int);\nINSERT INTO t VALUES (1);\nALTER TABLE t ADD b int DEFAULT 0;");

        var fromCreate = await SchemaDatabase.FingerprintAsync(created);
        var fromAdd = await SchemaDatabase.FingerprintAsync(added);

        Assert.That(fromAdd.Text, Is.EqualTo(fromCreate.Text));
    }

    [Test]
    public async Task A_dropped_column_leaves_no_gap_in_the_positions()
    {
        await using var fresh = await SchemaDatabase.BuiltAsync("CREATE TABLE t (a int, c text);");
        await using var dropped = await SchemaDatabase.BuiltAsync("CREATE TABLE t (a int, b int, c text);\nALTER TABLE t DROP COLUMN b;");

        Assert.That((await SchemaDatabase.FingerprintAsync(dropped)).Text, Is.EqualTo((await SchemaDatabase.FingerprintAsync(fresh)).Text));
    }

    [Test]
    public async Task Sequence_values_do_not_change_the_fingerprint()
    {
        await using var database = await SchemaDatabase.BuiltAsync("CREATE SEQUENCE s;\nCREATE TABLE t (id int GENERATED BY DEFAULT AS IDENTITY);");
        var before = await SchemaDatabase.FingerprintAsync(database);

        await SchemaDatabase.RunAsync(database, "SELECT nextval('s');\nINSERT INTO t DEFAULT VALUES;\nINSERT INTO t DEFAULT VALUES;");

        Assert.That((await SchemaDatabase.FingerprintAsync(database)).Hash, Is.EqualTo(before.Hash));
    }

    [Test]
    public async Task Extension_members_and_the_history_tables_never_appear()
    {
        // Given an extension and the tool's own history and audit tables
        await using var database = await SchemaDatabase.BuiltAsync("CREATE EXTENSION hstore;\nCREATE TABLE t (a int);");
        var before = await SchemaDatabase.FingerprintAsync(database);
        await using (var opened = await SchemaDatabase.OpenAsync(database))
        {
            await opened.EnsureHistoryAsync(CancellationToken.None);
        }

        // When the schema is read
        var after = await SchemaDatabase.FingerprintAsync(database);

        // Then the extension is one line and the history changed nothing
        Assert.That(after.Hash, Is.EqualTo(before.Hash));
        Assert.That(after.Lines.Where(l => l.Kind != "extension").Select(l => l.Identity), Has.None.Contains("hstore"));
        Assert.That(after.Text, Does.Not.Contain("migrationtasks_history"));
        Assert.That(after.Lines.Single(l => l.Key == "extension hstore")["version"], Is.Not.Empty);
    }
}
