using System.Text;
using MigrationTasks.Execution;
using MigrationTasks.Files;
using MigrationTasks.Postgres.Dialect;

namespace MigrationTasks.Postgres.Tests.Lint;

/// <summary>Which migrations may leave state on the session, so the runner resets it after them.</summary>
public sealed class SessionStateTests
{
    private static bool MayChange(string sql) =>
        SessionState.MayChange(ScriptReader.Read(PostgresDialect.Instance, "0001_x.sql", Encoding.UTF8.GetBytes(sql), [])!);

    [TestCase("SET search_path = other")]
    [TestCase("SET ROLE app_owner")]
    [TestCase("SET SESSION AUTHORIZATION app_owner")]
    [TestCase("RESET search_path")]
    [TestCase("SELECT set_config('search_path', 'other', false)")]
    [TestCase("CREATE TEMP TABLE scratch (id int)")]
    [TestCase("CREATE LOCAL TEMPORARY TABLE scratch (id int)")]
    [TestCase("CREATE OR REPLACE TEMP VIEW v AS SELECT 1")]
    [TestCase("LISTEN orders")]
    [TestCase("PREPARE q AS SELECT 1")]
    [TestCase("DO $$ BEGIN PERFORM 1; END $$")]
    [TestCase("INSERT INTO t SELECT pg_advisory_lock(1)")]
    [TestCase("DECLARE c CURSOR WITH HOLD FOR SELECT 1")]
    public void A_migration_that_can_change_the_session_is_reset_after(string statement)
    {
        Assert.That(MayChange("CREATE TABLE t (id int);\n" + statement + ";"), Is.True);
    }

    [TestCase("CREATE TABLE t (id int); ALTER TABLE t ADD COLUMN c text; INSERT INTO t VALUES (1, 'temp');")]
    [TestCase("CREATE INDEX i ON t (c); COMMENT ON TABLE t IS 'x'; GRANT SELECT ON t TO PUBLIC; DROP TABLE old;")]
    [TestCase("UPDATE t SET c = 'template' WHERE id = 1; DELETE FROM t WHERE id = 2;")]
    [TestCase("")]
    public void Plain_schema_and_data_changes_cost_no_reset(string sql)
    {
        Assert.That(MayChange(sql), Is.False);
    }
}
