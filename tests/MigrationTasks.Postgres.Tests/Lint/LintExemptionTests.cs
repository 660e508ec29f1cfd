namespace MigrationTasks.Postgres.Tests.Lint;

/// <summary>Nobody can be using a table created earlier in the same migration: rules that protect existing tables leave it alone.</summary>
public sealed class LintExemptionTests
{
    [TestCase("CREATE INDEX t_n_idx ON t (n)")]
    [TestCase("CREATE UNIQUE INDEX ON public.t (n)")]
    [TestCase("CREATE INDEX ON \"t\" (n)")]
    [TestCase("ALTER TABLE t ADD COLUMN note text NOT NULL")]
    [TestCase("ALTER TABLE t ADD COLUMN ref uuid DEFAULT gen_random_uuid()")]
    [TestCase("ALTER TABLE t ADD CONSTRAINT t_fk FOREIGN KEY (n) REFERENCES other (id)")]
    [TestCase("ALTER TABLE t ADD CONSTRAINT t_n_check CHECK (n > 0)")]
    [TestCase("ALTER TABLE t ADD UNIQUE (n)")]
    [TestCase("ALTER TABLE t ALTER COLUMN n SET NOT NULL")]
    [TestCase("ALTER TABLE t ALTER COLUMN n TYPE bigint")]
    [TestCase("ALTER TABLE t RENAME COLUMN n TO m")]
    [TestCase("ALTER TABLE t RENAME TO u")]
    [TestCase("ALTER TABLE t DROP COLUMN n")]
    [TestCase("UPDATE t SET n = 1")]
    [TestCase("DELETE FROM t")]
    [TestCase("TRUNCATE t")]
    [TestCase("DROP TABLE t")]
    [TestCase("CLUSTER t USING t_pkey")]
    public void A_table_created_earlier_in_the_migration_is_exempt(string statement)
    {
        Assert.That(LintRun.Findings($"CREATE TABLE t (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, n integer);\n{statement};"), Is.Empty);
    }

    [TestCase("CREATE TABLE IF NOT EXISTS public.t (n integer)")]
    [TestCase("CREATE UNLOGGED TABLE t (n integer)")]
    [TestCase("CREATE TEMP TABLE t (n integer)")]
    [TestCase("CREATE TABLE t AS SELECT 1 AS n")]
    public void Every_way_of_creating_a_table_counts(string create)
    {
        Assert.That(LintRun.Findings($"{create};\nCREATE INDEX ON t (n);"), Is.Empty);
    }

    [Test]
    public void An_index_created_earlier_in_the_migration_may_be_dropped_plainly()
    {
        Assert.That(LintRun.Findings("CREATE TABLE t (n integer);\nCREATE INDEX t_n_idx ON t (n);\nDROP INDEX t_n_idx;"), Is.Empty);
    }

    [Test]
    public void A_statement_before_the_create_is_still_reported()
    {
        var finding = LintRun.Findings("CREATE INDEX t_n_idx ON t (n);\nCREATE TABLE t (n integer);").Single();

        Assert.That((finding.Code, finding.Line), Is.EqualTo(("MT2120", 1)));
    }

    [Test]
    public void Creating_one_table_does_not_exempt_another()
    {
        var finding = LintRun.Findings("CREATE TABLE t (n integer);\nCREATE INDEX ON orders (n);").Single();

        Assert.That(finding.Code, Is.EqualTo("MT2120"));
    }

    [Test]
    public void Dropping_a_new_and_an_old_table_reports_only_the_old_one()
    {
        var finding = LintRun.Findings("CREATE TABLE t (n integer);\nDROP TABLE t, orders;").Single();

        Assert.That(finding.Message, Does.StartWith("DROP TABLE orders deletes"));
    }

    [Test]
    public void Hygiene_rules_still_apply_to_new_tables()
    {
        var finding = LintRun.Findings("CREATE TABLE t (n integer);\nALTER TABLE t ADD COLUMN at timestamp;").Single();

        Assert.That(finding.Code, Is.EqualTo("MT2151"));
    }

    [Test]
    public void A_down_script_may_drop_what_its_up_script_created()
    {
        var down = "DROP INDEX orders_total_idx;\nALTER TABLE orders DROP COLUMN total;\nDROP TABLE order_lines;\nTRUNCATE audit;\nDELETE FROM seeds;";

        Assert.That(LintRun.Findings(down, "0002_x.down.sql"), Is.Empty);
    }

    [Test]
    public void A_down_script_is_still_checked_for_locks_and_transactions()
    {
        var findings = LintRun.Findings("SAVEPOINT s;\nALTER TABLE orders ALTER COLUMN total TYPE bigint;\nRELEASE SAVEPOINT s;", "0002_x.down.sql");

        Assert.That(findings.Select(f => f.Code), Is.EqualTo(new[] { "MT2140", "MT2112", "MT2140" }));
    }
}
