using System.Text;
using MigrationTasks.Core.Tests;
using MigrationTasks.Diagnostics;
using MigrationTasks.Files;

namespace MigrationTasks.Postgres.Tests.Lint;

public sealed class TransactionRuleTests
{
    // Only this rule's findings: the same statements often break lint rules too (LinterTests cover those).
    private static List<Diagnostic> Read(string sql)
    {
        var diagnostics = new List<Diagnostic>();
        Linted.Read("0001_x.sql", Encoding.UTF8.GetBytes(sql), diagnostics);
        return diagnostics.Where(d => d.Code == DiagnosticCodes.NotInTransactionBlock).ToList();
    }

    [TestCase("CREATE INDEX CONCURRENTLY i ON t (c)", "CREATE INDEX CONCURRENTLY")]
    [TestCase("create unique index concurrently i on t (c)", "CREATE INDEX CONCURRENTLY")]
    [TestCase("DROP INDEX CONCURRENTLY IF EXISTS i", "DROP INDEX CONCURRENTLY")]
    [TestCase("REINDEX INDEX CONCURRENTLY i", "REINDEX CONCURRENTLY")]
    [TestCase("REINDEX (VERBOSE, CONCURRENTLY) TABLE t", "REINDEX CONCURRENTLY")]
    [TestCase("REINDEX SCHEMA public", "REINDEX SCHEMA")]
    [TestCase("REINDEX DATABASE app", "REINDEX DATABASE")]
    [TestCase("VACUUM ANALYZE t", "VACUUM")]
    [TestCase("CREATE DATABASE other", "CREATE DATABASE")]
    [TestCase("DROP DATABASE IF EXISTS other", "DROP DATABASE")]
    [TestCase("CREATE TABLESPACE fast LOCATION '/ssd'", "CREATE TABLESPACE")]
    [TestCase("DROP TABLESPACE fast", "DROP TABLESPACE")]
    [TestCase("ALTER SYSTEM SET work_mem = '64MB'", "ALTER SYSTEM")]
    [TestCase("ALTER DATABASE app SET TABLESPACE fast", "ALTER DATABASE ... SET TABLESPACE")]
    [TestCase("ALTER TABLE m DETACH PARTITION m_2024 CONCURRENTLY", "ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY")]
    [TestCase("CLUSTER", "CLUSTER without a table name")]
    [TestCase("CLUSTER VERBOSE", "CLUSTER without a table name")]
    [TestCase("DISCARD ALL", "DISCARD ALL")]
    [TestCase("CREATE SUBSCRIPTION s CONNECTION 'host=a' PUBLICATION p", "CREATE SUBSCRIPTION")]
    public void A_statement_that_cannot_run_in_a_transaction_is_an_error_in_a_transactional_migration(string statement, string named)
    {
        var diagnostics = Read($"CREATE TABLE t (c int);\n\n  {statement};\n");

        var error = diagnostics.Single();
        Assert.That(error.Code, Is.EqualTo(DiagnosticCodes.NotInTransactionBlock));
        Assert.That(error.Message, Does.StartWith(named).And.Contain("-- migrate:no-transaction"));
        Assert.That((error.File, error.Line, error.Column), Is.EqualTo(("0001_x.sql", 3, 3)));
    }

    [TestCase("ALTER TYPE mood ADD VALUE 'meh'")]
    [TestCase("REFRESH MATERIALIZED VIEW CONCURRENTLY v")]
    [TestCase("CLUSTER t USING t_pkey")]
    [TestCase("CREATE INDEX i ON t (c)")]
    [TestCase("REINDEX TABLE t")]
    [TestCase("REINDEX (CONCURRENTLY false) TABLE t")]
    [TestCase("ANALYZE t")]
    [TestCase("ALTER DATABASE app SET work_mem = '64MB'")]
    [TestCase("ALTER TABLE m DETACH PARTITION m_2024")]
    [TestCase("CREATE SUBSCRIPTION s CONNECTION 'host=a' PUBLICATION p WITH (connect = false)")]
    [TestCase("COMMENT ON TABLE t IS 'VACUUM nightly; CREATE INDEX CONCURRENTLY when large'")]
    [TestCase("CREATE FUNCTION f() RETURNS void LANGUAGE sql AS $$ VACUUM $$")]
    public void A_statement_that_runs_in_a_transaction_is_not_reported(string statement)
    {
        Assert.That(Read(statement + ";"), Is.Empty);
    }

    [Test]
    public void A_no_transaction_migration_may_hold_such_statements()
    {
        Assert.That(Read("-- migrate:no-transaction\nCREATE INDEX CONCURRENTLY i ON t (c);\nVACUUM t;"), Is.Empty);
    }

    [Test]
    public void Every_offending_statement_is_reported_at_its_own_line()
    {
        var lines = Read("VACUUM a;\nSELECT 1;\n-- note\nVACUUM b;").Select(d => d.Line);

        Assert.That(lines, Is.EqualTo(new[] { 1, 4 }));
    }
}
