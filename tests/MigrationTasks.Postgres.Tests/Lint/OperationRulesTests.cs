using MigrationTasks.Lint;

namespace MigrationTasks.Postgres.Tests.Lint;

/// <summary>
/// The rules for operations around indexes and constraints: partitions, storage moves, generated
/// columns, materialized views, domains, exclusion constraints, explicit locks, cascades, schema
/// moves, sequences, enum values and security. Each in several spellings, and silent on its safe forms.
/// </summary>
public sealed class OperationRulesTests
{
    [TestCase("ALTER TABLE events ATTACH PARTITION events_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')", "attach-partition-scan")]
    [TestCase("alter table if exists app.\"Events\" attach partition app.events_old default", "attach-partition-scan")]
    [TestCase("ALTER TABLE ONLY events /* yearly */ ATTACH PARTITION events_2024 FOR VALUES IN (2024)", "attach-partition-scan")]
    [TestCase("ALTER TABLE events DETACH PARTITION events_2020", "detach-partition-not-concurrently")]
    [TestCase("alter table app.events detach partition \"events_2020\"", "detach-partition-not-concurrently")]
    [TestCase("ALTER TABLE orders SET UNLOGGED", "set-logged-unlogged")]
    [TestCase("alter table if exists app.orders set logged", "set-logged-unlogged")]
    [TestCase("ALTER TABLE orders SET (fillfactor = 70), SET LOGGED", "set-logged-unlogged")]
    [TestCase("ALTER TABLE orders SET TABLESPACE fast", "set-tablespace")]
    [TestCase("ALTER INDEX app.orders_total_idx SET TABLESPACE fast", "set-tablespace")]
    [TestCase("alter materialized view if exists \"Totals\" set tablespace fast", "set-tablespace")]
    [TestCase("ALTER TABLE ALL IN TABLESPACE pg_default SET TABLESPACE fast", "set-tablespace")]
    [TestCase("ALTER INDEX ALL IN TABLESPACE slow OWNED BY app SET TABLESPACE fast NOWAIT", "set-tablespace")]
    [TestCase("alter materialized view all in tablespace slow set tablespace fast", "set-tablespace")]
    [TestCase("ALTER TABLE orders ADD COLUMN gross numeric GENERATED ALWAYS AS (total * 1.2) STORED", "add-generated-column")]
    [TestCase("alter table app.orders add note text, add gross numeric generated always as (total * 1.2) stored", "add-generated-column")]
    [TestCase("REFRESH MATERIALIZED VIEW totals", "refresh-materialized-view-not-concurrently")]
    [TestCase("refresh materialized view app.\"Totals\" with data", "refresh-materialized-view-not-concurrently")]
    [TestCase("ALTER DOMAIN positive ADD CONSTRAINT positive_check CHECK (VALUE > 0)", "domain-constraint")]
    [TestCase("alter domain app.email add check (value like '%@%' /* NOT VALID */)", "domain-constraint")]
    [TestCase("ALTER DOMAIN positive SET NOT NULL", "domain-constraint")]
    [TestCase("ALTER TABLE bookings ADD CONSTRAINT no_overlap EXCLUDE USING gist (room WITH =, during WITH &&)", "add-exclusion-constraint")]
    [TestCase("alter table app.bookings add exclude using gist (during with &&)", "add-exclusion-constraint")]
    [TestCase("LOCK TABLE orders", "lock-table")]
    [TestCase("lock orders in share mode", "lock-table")]
    [TestCase("LOCK TABLE ONLY app.orders, customers IN ACCESS EXCLUSIVE MODE NOWAIT", "lock-table")]
    [TestCase("LOCK orders * IN EXCLUSIVE MODE", "lock-table")]
    [TestCase("DROP VIEW order_totals CASCADE", "drop-cascade")]
    [TestCase("drop function app.total(bigint) cascade", "drop-cascade")]
    [TestCase("DROP TYPE IF EXISTS \"Order status\" CASCADE", "drop-cascade")]
    [TestCase("ALTER TABLE orders DROP CONSTRAINT orders_customer_fk CASCADE", "drop-cascade")]
    [TestCase("DROP EXTENSION pgcrypto CASCADE", "drop-cascade")]
    [TestCase("DROP OWNED BY legacy_app", "drop-owned")]
    [TestCase("drop owned by legacy_app, \"Reporting\" restrict", "drop-owned")]
    [TestCase("ALTER SCHEMA billing RENAME TO invoicing", "rename-schema")]
    [TestCase("alter schema \"Billing\" rename to billing", "rename-schema")]
    [TestCase("ALTER TABLE orders SET SCHEMA archive", "set-schema")]
    [TestCase("alter view app.order_totals set schema archive", "set-schema")]
    [TestCase("ALTER FUNCTION total(bigint) SET SCHEMA archive", "set-schema")]
    [TestCase("ALTER TYPE order_status SET SCHEMA \"Archive\"", "set-schema")]
    [TestCase("ALTER MATERIALIZED VIEW IF EXISTS totals SET SCHEMA archive", "set-schema")]
    [TestCase("ALTER SEQUENCE orders_id_seq SET SCHEMA archive", "set-schema")]
    [TestCase("ALTER SEQUENCE orders_id_seq RESTART", "restart-sequence")]
    [TestCase("alter sequence if exists app.orders_id_seq restart with 1", "restart-sequence")]
    [TestCase("ALTER TABLE orders ALTER COLUMN id RESTART WITH 1", "restart-sequence")]
    [TestCase("alter table orders add note text, alter id restart", "restart-sequence")]
    [TestCase("CREATE FUNCTION app.purge() RETURNS void LANGUAGE sql SECURITY DEFINER AS $$ DELETE FROM sessions $$", "security-definer-search-path")]
    [TestCase("create or replace function purge() returns void as $body$ begin delete from sessions; end $body$ language plpgsql security definer", "security-definer-search-path")]
    [TestCase("CREATE PROCEDURE purge() SECURITY DEFINER LANGUAGE sql AS 'SET search_path = public; DELETE FROM sessions'", "security-definer-search-path")]
    [TestCase("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", "terminate-backend")]
    [TestCase("select pg_catalog.pg_cancel_backend(pid) from pg_stat_activity where state = 'active'", "terminate-backend")]
    [TestCase("WITH s AS (SELECT pid FROM pg_stat_activity) SELECT pg_terminate_backend (pid) FROM s", "terminate-backend")]
    public void A_dangerous_operation_is_reported_with_its_rule(string statement, string rule)
    {
        var finding = LintRun.Findings($"-- migrate:no-transaction\n{statement};").Single();

        var expected = LintRules.Find(rule)!;
        Assert.That(finding.Code, Is.EqualTo(expected.Code));
        Assert.That(finding.Severity, Is.EqualTo(expected.DefaultSeverity));
        Assert.That(finding.Message, Does.Contain(PostgresRuleTexts.Of(expected).Remedy).And.Contain($"-- migrate:allow {rule} <reason>"));
    }

    /// <summary>Safe forms, objects created earlier in the migration, and look-alikes.</summary>
    public static readonly string[] SafeScripts =
    [
        "CREATE TABLE events_2024 (LIKE events);\nALTER TABLE events ATTACH PARTITION events_2024 FOR VALUES IN (2024)",
        "ALTER TABLE events_2024 ADD CONSTRAINT bound CHECK (y IS NOT NULL AND y = 2024) NOT VALID;\nALTER TABLE events_2024 VALIDATE CONSTRAINT bound;\nALTER TABLE events ATTACH PARTITION events_2024 FOR VALUES IN (2024)",
        "ALTER TABLE events DETACH PARTITION events_2020 CONCURRENTLY",
        "ALTER TABLE events DETACH PARTITION events_2020 FINALIZE",
        "CREATE TABLE m (y int) PARTITION BY LIST (y);\nCREATE TABLE m1 PARTITION OF m FOR VALUES IN (1);\nALTER TABLE m DETACH PARTITION m1",
        "CREATE UNLOGGED TABLE staging (id bigint);\nALTER TABLE staging SET LOGGED",
        "CREATE TABLE t (id bigint);\nALTER TABLE t SET TABLESPACE fast",
        "CREATE MATERIALIZED VIEW IF NOT EXISTS mv AS SELECT 1 AS n;\nALTER MATERIALIZED VIEW mv SET TABLESPACE fast",
        "ALTER TABLE orders SET (fillfactor = 70)",
        "ALTER INDEX orders_total_idx RENAME TO orders_amount_idx",
        "ALTER TABLE orders ADD COLUMN gross numeric",
        "CREATE TABLE t (a int, b int GENERATED ALWAYS AS (a * 2) STORED)",
        "REFRESH MATERIALIZED VIEW CONCURRENTLY totals",
        "REFRESH MATERIALIZED VIEW totals WITH NO DATA",
        "CREATE MATERIALIZED VIEW mv AS SELECT 1 AS n WITH NO DATA;\nREFRESH MATERIALIZED VIEW mv",
        "CREATE MATERIALIZED VIEW mv AS SELECT 1 AS n;\nCREATE UNIQUE INDEX mv_n ON mv (n)",
        "ALTER DOMAIN positive ADD CONSTRAINT c CHECK (VALUE > 0) NOT VALID",
        "ALTER DOMAIN positive ADD CONSTRAINT c CHECK (VALUE IS NOT NULL) NOT VALID",
        "ALTER DOMAIN positive VALIDATE CONSTRAINT c",
        "CREATE DOMAIN positive AS int;\nALTER DOMAIN positive SET NOT NULL",
        "CREATE TABLE b (during tstzrange, EXCLUDE USING gist (during WITH &&))",
        "CREATE TABLE b (during tstzrange);\nALTER TABLE b ADD CONSTRAINT x EXCLUDE USING gist (during WITH &&)",
        "LOCK TABLE orders IN ROW EXCLUSIVE MODE",
        "lock orders in share update exclusive mode",
        "LOCK TABLE orders IN ACCESS SHARE MODE NOWAIT",
        "CREATE TABLE t (id bigint);\nLOCK TABLE t",
        "DROP VIEW order_totals",
        "DROP FUNCTION total(bigint) RESTRICT",
        "CREATE VIEW v AS SELECT 1 AS n;\nDROP VIEW v CASCADE",
        "CREATE TYPE s AS ENUM ('a');\nDROP TYPE s CASCADE",
        "COMMENT ON VIEW order_totals IS 'DROP VIEW order_totals CASCADE'",
        "REASSIGN OWNED BY legacy_app TO app;\nDROP OWNED BY legacy_app",
        "CREATE SCHEMA billing;\nALTER SCHEMA billing RENAME TO invoicing",
        "ALTER SCHEMA billing OWNER TO app",
        "ALTER FUNCTION total(bigint) SET SCHEMA 'archive'",
        "ALTER ROLE app SET search_path = archive, public",
        "ALTER DATABASE app SET search_path TO archive",
        "CREATE TABLE t (id bigint);\nALTER TABLE t SET SCHEMA archive",
        "CREATE VIEW v AS SELECT 1 AS n;\nALTER VIEW v SET SCHEMA archive",
        "CREATE TYPE s AS ENUM ('a');\nALTER TYPE s SET SCHEMA archive",
        "ALTER SEQUENCE orders_id_seq INCREMENT BY 10",
        "CREATE SEQUENCE IF NOT EXISTS s;\nALTER SEQUENCE s RESTART WITH 100",
        "SELECT setval('orders_id_seq', (SELECT max(id) FROM orders))",
        "CREATE TABLE t (id bigint GENERATED ALWAYS AS IDENTITY);\nALTER TABLE t ALTER COLUMN id RESTART",
        "CREATE FUNCTION purge() RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$ DELETE FROM public.sessions $$",
        "create function f() returns void language plpgsql security definer set search_path from current as $$ begin end $$",
        "CREATE FUNCTION f() RETURNS int LANGUAGE sql SECURITY INVOKER AS $$ SELECT 1 $$",
        "CREATE FUNCTION f() RETURNS text LANGUAGE sql AS $$ SELECT 'SECURITY DEFINER' $$",
        "COMMENT ON TABLE orders IS 'pg_terminate_backend(pid)'",
        "SELECT pid FROM pg_stat_activity WHERE query LIKE '%pg_cancel_backend(%'",
        "SELECT \"pg_terminate_backend\" FROM audit",
    ];

    [TestCaseSource(nameof(SafeScripts))]
    public void A_safe_form_is_not_reported(string script)
    {
        Assert.That(LintRun.Findings($"-- migrate:no-transaction\n{script};"), Is.Empty);
    }

    [TestCase("ALTER TYPE order_status ADD VALUE 'refunded';\nUPDATE orders SET status = 'refunded' WHERE id = 1;")]
    [TestCase("alter type app.\"Status\" add value if not exists 'refunded' after 'paid';\nINSERT INTO orders (status) VALUES ('refunded');")]
    [TestCase("ALTER TYPE order_status ADD VALUE 'refunded';\nALTER TABLE orders ALTER COLUMN status SET DEFAULT 'refunded';")]
    [TestCase("CREATE TYPE order_status AS ENUM ('paid');\nALTER TYPE order_status ADD VALUE 'refunded';\nCREATE TABLE t (s order_status DEFAULT 'refunded');")]
    public void Using_an_enum_value_in_the_transaction_that_added_it_is_reported_where_it_is_used(string script)
    {
        var finding = LintRun.Findings(script).Single();

        Assert.That(finding.Code, Is.EqualTo(Rules.Code("new-enum-value-in-transaction")));
        Assert.That(finding.Line, Is.EqualTo(script.Split('\n').Length));
        Assert.That(finding.Message, Does.StartWith("'refunded', added to its enum earlier in this transaction, fails"));
    }

    [TestCase("-- migrate:no-transaction\nALTER TYPE order_status ADD VALUE 'refunded';\nUPDATE orders SET status = 'refunded' WHERE id = 1;")]
    [TestCase("ALTER TYPE order_status ADD VALUE 'refunded';\n-- then 'refunded'\nCREATE FUNCTION f() RETURNS text LANGUAGE sql AS $$ SELECT 'refunded' $$;")]
    [TestCase("ALTER TYPE order_status ADD VALUE 'refunded';\nUPDATE orders SET status = 'paid' WHERE id = 1;")]
    public void An_enum_value_used_only_after_a_commit_or_not_at_all_is_not_reported(string script)
    {
        Assert.That(LintRun.Findings(script), Is.Empty);
    }

    [TestCase("DROP VIEW IF EXISTS app.order_totals, daily_totals CASCADE", "DROP VIEW app.order_totals, daily_totals CASCADE also drops")]
    [TestCase("drop index concurrently orders_total_idx cascade", "DROP INDEX orders_total_idx CASCADE also drops")]
    [TestCase("DROP OWNED BY legacy_app CASCADE", "DROP OWNED BY legacy_app CASCADE also drops")]
    [TestCase("ALTER TABLE orders DROP CONSTRAINT orders_customer_fk CASCADE", "DROP ... CASCADE on orders also drops")]
    public void A_cascading_drop_names_what_it_drops(string statement, string message)
    {
        var finding = LintRun.Findings($"-- migrate:no-transaction\n{statement};").Single(f => f.Code == Rules.Code("drop-cascade"));

        Assert.That(finding.Message, Does.StartWith(message));
    }

    [Test]
    public void A_waiver_covers_the_new_rules_like_any_other()
    {
        var findings = LintRun.Findings("-- migrate:allow lock-table the backfill below must see no concurrent writes\nLOCK TABLE orders IN SHARE MODE;");

        Assert.That(findings, Is.Empty);
    }

    [Test]
    public void An_explicit_access_exclusive_lock_without_a_timeout_also_asks_for_one()
    {
        var codes = LintRun.Findings("LOCK TABLE orders;", withLockTimeout: true).Select(f => f.Code);

        Assert.That(codes, Is.EquivalentTo(new[] { Rules.Code("lock-table"), Rules.Code("missing-lock-timeout") }));
    }
}
