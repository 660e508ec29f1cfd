using MigrationTasks.Diagnostics;
using MigrationTasks.Lint;

namespace MigrationTasks.Postgres.Tests.Lint;

public sealed class LinterTests
{
    [TestCase("DROP TABLE orders", "drop-table")]
    [TestCase("DROP TABLE IF EXISTS public.orders RESTRICT", "drop-table")]
    [TestCase("drop table audit, orders", "drop-table")]
    [TestCase("ALTER TABLE orders DROP COLUMN note", "drop-column")]
    [TestCase("ALTER TABLE orders DROP note", "drop-column")]
    [TestCase("ALTER TABLE IF EXISTS ONLY orders DROP COLUMN IF EXISTS note RESTRICT", "drop-column")]
    [TestCase("ALTER TABLE orders ADD COLUMN memo text, DROP COLUMN note", "drop-column")]
    [TestCase("DROP SCHEMA billing", "drop-schema")]
    [TestCase("TRUNCATE orders", "truncate")]
    [TestCase("TRUNCATE TABLE ONLY orders, order_lines RESTART IDENTITY CASCADE", "truncate")]
    [TestCase("DELETE FROM orders", "delete-without-where")]
    [TestCase("DELETE FROM ONLY app.orders RETURNING id", "delete-without-where")]
    [TestCase("UPDATE orders SET total = 0", "update-without-where")]
    [TestCase("UPDATE orders SET total = (SELECT sum(price) FROM order_lines l WHERE l.order_id = orders.id)", "update-without-where")]
    [TestCase("ALTER TABLE orders RENAME TO purchases", "rename-table")]
    [TestCase("ALTER TABLE orders RENAME COLUMN total TO amount", "rename-column")]
    [TestCase("ALTER TABLE orders RENAME total TO amount", "rename-column")]
    [TestCase("ALTER TABLE orders ALTER COLUMN total TYPE bigint", "alter-column-type")]
    [TestCase("ALTER TABLE orders ALTER total SET DATA TYPE numeric(14, 2) USING total::numeric", "alter-column-type")]
    [TestCase("ALTER TYPE order_status RENAME VALUE 'paid' TO 'settled'", "rename-enum-value")]
    [TestCase("CREATE INDEX orders_total_idx ON orders (total)", "create-index-not-concurrently")]
    [TestCase("CREATE UNIQUE INDEX IF NOT EXISTS orders_ref_idx ON ONLY public.orders (ref)", "create-index-not-concurrently")]
    [TestCase("create index on orders using gin (tags)", "create-index-not-concurrently")]
    [TestCase("DROP INDEX orders_total_idx", "drop-index-not-concurrently")]
    [TestCase("DROP INDEX IF EXISTS app.orders_total_idx", "drop-index-not-concurrently")]
    [TestCase("REINDEX TABLE orders", "reindex-not-concurrently")]
    [TestCase("REINDEX (VERBOSE) INDEX orders_total_idx", "reindex-not-concurrently")]
    [TestCase("ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id)", "add-foreign-key")]
    [TestCase("ALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES customers", "add-foreign-key")]
    [TestCase("ALTER TABLE orders ADD CONSTRAINT positive_total CHECK (total >= 0)", "add-check-constraint")]
    [TestCase("ALTER TABLE orders ADD CHECK (total >= 0)", "add-check-constraint")]
    [TestCase("ALTER TABLE orders ADD CONSTRAINT orders_ref_key UNIQUE (ref)", "add-unique-constraint")]
    [TestCase("ALTER TABLE orders ADD PRIMARY KEY (id)", "add-unique-constraint")]
    [TestCase("ALTER TABLE orders ALTER COLUMN total SET NOT NULL", "set-not-null")]
    [TestCase("ALTER TABLE orders ALTER total SET NOT NULL", "set-not-null")]
    [TestCase("ALTER TABLE orders ADD COLUMN ref uuid DEFAULT gen_random_uuid()", "add-column-volatile-default")]
    [TestCase("ALTER TABLE orders ADD COLUMN seen_at timestamptz NOT NULL DEFAULT clock_timestamp()", "add-column-volatile-default")]
    [TestCase("ALTER TABLE orders ADD COLUMN bucket int DEFAULT (random() * 10)::int", "add-column-volatile-default")]
    [TestCase("ALTER TABLE orders ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY", "add-column-volatile-default")]
    [TestCase("ALTER TABLE orders ADD COLUMN gross numeric GENERATED ALWAYS AS (total * 1.2) STORED", "add-generated-column")]
    [TestCase("ALTER TABLE orders ADD COLUMN note text NOT NULL", "add-column-not-null-without-default")]
    [TestCase("ALTER TABLE orders ADD note text CONSTRAINT note_required NOT NULL", "add-column-not-null-without-default")]
    [TestCase("VACUUM FULL orders", "vacuum-full")]
    [TestCase("VACUUM (FULL, ANALYZE) orders", "vacuum-full")]
    [TestCase("CLUSTER orders USING orders_pkey", "cluster")]
    [TestCase("CLUSTER VERBOSE orders", "cluster")]
    [TestCase("SAVEPOINT before_backfill", "transaction-control")]
    [TestCase("CREATE TABLE t (id serial PRIMARY KEY)", "int-key")]
    [TestCase("CREATE TABLE t (id integer PRIMARY KEY, name text)", "int-key")]
    [TestCase("CREATE TABLE t (name text, id int NOT NULL PRIMARY KEY)", "int-key")]
    [TestCase("CREATE TABLE t (id serial)", "int-key")]
    [TestCase("CREATE TABLE t (id integer NOT NULL, name text, PRIMARY KEY (id))", "int-key")]
    [TestCase("CREATE TABLE t (id int4, CONSTRAINT t_pkey PRIMARY KEY (id))", "int-key")]
    [TestCase("CREATE TABLE t (id bigint, happened_at timestamp)", "timestamp-without-time-zone")]
    [TestCase("CREATE TABLE t (happened_at timestamp(3) without time zone NOT NULL)", "timestamp-without-time-zone")]
    [TestCase("ALTER TABLE orders ADD COLUMN shipped_at timestamp", "timestamp-without-time-zone")]
    [TestCase("CREATE TABLE t (code char(3))", "char-type")]
    [TestCase("CREATE TABLE t (code character(2) NOT NULL)", "char-type")]
    public void A_dangerous_statement_is_reported_with_its_rule(string statement, string rule)
    {
        var finding = LintRun.Findings($"-- migrate:no-transaction\n{statement};").Single();

        var expected = LintRules.Find(rule)!;
        Assert.That(finding.Code, Is.EqualTo(expected.Code));
        Assert.That(finding.Severity, Is.EqualTo(expected.DefaultSeverity));
        Assert.That(finding.Message, Does.Contain(PostgresRuleTexts.Of(expected).Remedy).And.Contain($"-- migrate:allow {rule} <reason>"));
    }

    [TestCase("BEGIN;\nUPDATE orders SET total = 0 WHERE total IS NULL;\nCOMMIT;")]
    [TestCase("START TRANSACTION ISOLATION LEVEL SERIALIZABLE;\nUPDATE orders SET total = 0 WHERE total IS NULL;\nEND;")]
    [TestCase("BEGIN;\nSAVEPOINT backfill;\nUPDATE orders SET total = 0 WHERE total IS NULL;\nROLLBACK TO backfill;\nABORT;")]
    public void A_files_own_transaction_control_is_not_a_finding_since_the_file_runs_as_written(string sql)
    {
        Assert.That(LintRun.Findings(sql), Is.Empty);
    }

    [TestCase("CREATE INDEX CONCURRENTLY orders_total_idx ON orders (total)")]
    [TestCase("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS orders_ref_idx ON orders (ref)")]
    [TestCase("DROP INDEX CONCURRENTLY IF EXISTS orders_total_idx")]
    [TestCase("REINDEX TABLE CONCURRENTLY orders")]
    [TestCase("REINDEX (CONCURRENTLY) INDEX orders_total_idx")]
    [TestCase("DELETE FROM orders WHERE id = 1")]
    [TestCase("UPDATE orders SET total = 0 WHERE total IS NULL")]
    [TestCase("UPDATE orders o SET total = t.total FROM (SELECT 1 AS total) t WHERE o.id = 1")]
    [TestCase("ALTER TABLE orders ADD COLUMN note text")]
    [TestCase("ALTER TABLE orders ADD COLUMN note text NOT NULL DEFAULT ''")]
    [TestCase("ALTER TABLE orders ADD COLUMN created_at timestamptz NOT NULL DEFAULT now()")]
    [TestCase("ALTER TABLE orders ADD COLUMN IF NOT EXISTS version bigint NOT NULL DEFAULT 1")]
    [TestCase("ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID")]
    [TestCase("ALTER TABLE orders ADD CONSTRAINT positive_total CHECK (total >= 0) NOT VALID")]
    [TestCase("ALTER TABLE orders VALIDATE CONSTRAINT positive_total")]
    [TestCase("ALTER TABLE orders ADD CONSTRAINT orders_ref_key UNIQUE USING INDEX orders_ref_idx")]
    [TestCase("ALTER TABLE orders ADD CONSTRAINT orders_pkey PRIMARY KEY USING INDEX orders_id_idx")]
    [TestCase("ALTER TABLE orders DROP CONSTRAINT positive_total")]
    [TestCase("ALTER TABLE orders ALTER COLUMN total DROP NOT NULL")]
    [TestCase("ALTER TABLE orders ALTER COLUMN total SET DEFAULT 0")]
    [TestCase("ALTER TABLE orders ALTER COLUMN total DROP DEFAULT")]
    [TestCase("ALTER TABLE orders RENAME CONSTRAINT a TO b")]
    [TestCase("ALTER TABLE orders SET (fillfactor = 90)")]
    [TestCase("VACUUM ANALYZE orders")]
    [TestCase("VACUUM (FULL false) orders")]
    [TestCase("ANALYZE orders")]
    [TestCase("ROLLBACK PREPARED 'tx1'")]
    [TestCase("ALTER TYPE order_status ADD VALUE 'refunded'")]
    [TestCase("CREATE TABLE t (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at timestamptz, code varchar(3), name character varying(20))")]
    [TestCase("CREATE TABLE t (quantity integer NOT NULL CHECK (quantity > 0))")]
    [TestCase("CREATE TABLE t (order_id bigint, line_no integer, PRIMARY KEY (order_id, line_no))")]
    [TestCase("CREATE TABLE t (id bigint, n integer, PRIMARY KEY (id))")]
    [TestCase("CREATE TABLE t (at timestamp with time zone, kind \"char\")")]
    [TestCase("CREATE TABLE t (LIKE orders INCLUDING ALL)")]
    [TestCase("CREATE TABLE t AS SELECT * FROM orders")]
    [TestCase("INSERT INTO orders (note) VALUES ('x')")]
    [TestCase("SELECT 1")]
    public void A_safe_statement_is_not_reported(string statement)
    {
        Assert.That(LintRun.Findings($"-- migrate:no-transaction\n{statement};"), Is.Empty);
    }

    [TestCase("INSERT INTO notes (body) VALUES ('DROP TABLE orders; TRUNCATE orders')")]
    [TestCase("COMMENT ON TABLE orders IS 'VACUUM FULL nightly, CLUSTER weekly'")]
    [TestCase("SELECT E'ALTER TABLE orders RENAME TO x\\''")]
    [TestCase("/* DROP TABLE orders; */ SELECT 1")]
    [TestCase("-- DELETE FROM orders\nSELECT 1")]
    [TestCase("SELECT 1 /* BEGIN */")]
    [TestCase("SELECT $tag$ VACUUM FULL orders; DELETE FROM orders $tag$")]
    [TestCase("CREATE FUNCTION purge() RETURNS void LANGUAGE plpgsql AS $$ BEGIN DELETE FROM orders; TRUNCATE audit; COMMIT; END $$")]
    [TestCase("DO $$ BEGIN EXECUTE 'DROP TABLE orders'; END $$")]
    [TestCase("CREATE TABLE \"DROP TABLE orders\" (id bigint)")]
    [TestCase("SELECT \"TRUNCATE\" FROM \"DELETE\"")]
    [TestCase("CREATE VIEW v AS SELECT 'ALTER TABLE x DROP COLUMN y' AS sql")]
    [TestCase("CREATE TABLE t (\"timestamp\" text, \"char\" text)")]
    public void Dangerous_words_in_comments_strings_quoted_identifiers_and_dollar_quotes_are_not_reported(string statement)
    {
        Assert.That(LintRun.Findings($"{statement};"), Is.Empty);
    }

    [TestCase("UPDATE orders SET note = $$WHERE$$", "update-without-where")]
    [TestCase("DELETE FROM orders -- WHERE id = 1", "delete-without-where")]
    [TestCase("DELETE FROM orders /* WHERE id = 1 */", "delete-without-where")]
    [TestCase("DELETE FROM \"where\"", "delete-without-where")]
    [TestCase("ALTER TABLE orders ADD CONSTRAINT c CHECK (note <> 'NOT VALID')", "add-check-constraint")]
    [TestCase("ALTER TABLE orders ADD COLUMN note text NOT NULL /* DEFAULT '' */", "add-column-not-null-without-default")]
    [TestCase("CREATE /* CONCURRENTLY */ INDEX i ON orders (total)", "create-index-not-concurrently")]
    public void A_safe_looking_word_in_a_comment_or_string_does_not_hide_a_finding(string statement, string rule)
    {
        var finding = LintRun.Findings($"{statement}\n;").Single();

        Assert.That(finding.Code, Is.EqualTo(LintRules.Find(rule)!.Code));
    }

    [Test]
    public void A_finding_points_at_the_offending_clause()
    {
        var finding = LintRun.Findings("SELECT 1;\nALTER TABLE orders\n    ADD COLUMN memo text,\n    DROP COLUMN note;").Single();

        Assert.That((finding.File, finding.Line, finding.Column), Is.EqualTo(("0001_x.sql", 4, 5)));
        Assert.That(finding.ToString(), Does.StartWith("0001_x.sql(4,5): error MT2102: DROP COLUMN orders.note deletes"));
    }

    [Test]
    public void A_finding_on_the_statement_start_uses_its_column()
    {
        var finding = LintRun.Findings("SELECT 1;   TRUNCATE orders;").Single();

        Assert.That((finding.Line, finding.Column), Is.EqualTo((1, 13)));
    }

    [Test]
    public void Each_offending_statement_and_action_is_reported()
    {
        var findings = LintRun.Findings("DROP TABLE a;\nALTER TABLE b DROP COLUMN x, DROP COLUMN y;\nTRUNCATE c;");

        Assert.That(findings.Select(f => (f.Code, f.Line)), Is.EqualTo(new[] { ("MT2101", 1), ("MT2102", 2), ("MT2102", 2), ("MT2104", 3) }));
    }

    [Test]
    public void The_message_names_the_objects_and_the_harm()
    {
        var finding = LintRun.Findings("CREATE INDEX orders_total_idx ON app.orders (total);").Single();

        Assert.That(finding.Message, Does.StartWith("CREATE INDEX on app.orders blocks every write to the table"));
        Assert.That(finding.Message, Does.Contain("CREATE INDEX CONCURRENTLY"));
    }

    [TestCase("DROP TABLE IF EXISTS public.orders CASCADE", "drop-table")]
    [TestCase("ALTER TABLE IF EXISTS ONLY orders DROP COLUMN IF EXISTS note CASCADE", "drop-column")]
    [TestCase("DROP SCHEMA billing CASCADE", "drop-schema")]
    public void A_cascading_drop_is_reported_for_what_it_names_and_for_the_cascade(string statement, string rule)
    {
        var codes = LintRun.Findings($"{statement};").Select(f => f.Code);

        Assert.That(codes, Is.EquivalentTo(new[] { Rules.Code(rule), Rules.Code("drop-cascade") }));
    }

    [Test]
    public void Truncate_cascade_says_so()
    {
        var finding = LintRun.Findings("TRUNCATE orders CASCADE;").Single();

        Assert.That(finding.Message, Does.StartWith("TRUNCATE orders CASCADE").And.Contain("every table that references it"));
    }

    [Test]
    public void Configured_severities_override_the_defaults_and_can_turn_a_rule_off()
    {
        var statements = MigrationTasks.Sql.SqlSplitter.Split("DROP TABLE a;\nTRUNCATE b;\nUPDATE c SET x = 1;").Statements;
        var severities = new Dictionary<string, DiagnosticSeverity?>
        {
            ["drop-table"] = DiagnosticSeverity.Warning,
            ["truncate"] = null,
            ["update-without-where"] = DiagnosticSeverity.Error,
        };
        var diagnostics = new List<Diagnostic>();

        Linter.Check(statements, [], "0001_x.sql", isDown: false, severities, diagnostics, hasLockTimeout: true);

        Assert.That(diagnostics.Select(d => (d.Code, d.Severity)),
            Is.EqualTo(new[] { ("MT2101", DiagnosticSeverity.Warning), ("MT2106", DiagnosticSeverity.Error) }));
    }
}
