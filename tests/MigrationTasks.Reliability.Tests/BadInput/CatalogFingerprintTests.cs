using MigrationTasks.Testing;

namespace MigrationTasks.Reliability.Tests.BadInput;

/// <summary>The fingerprint the catalogue relies on must see each kind of change, in any schema.</summary>
public sealed class CatalogFingerprintTests
{
    [TestCase("CREATE SCHEMA other")]
    [TestCase("CREATE TABLE other.t2 (id int)")]
    [TestCase("ALTER TABLE other.t ADD COLUMN c text")]
    [TestCase("ALTER TABLE other.t ALTER COLUMN name SET DEFAULT 'x'")]
    [TestCase("CREATE INDEX t_name ON other.t (name)")]
    [TestCase("ALTER TABLE other.t ADD CONSTRAINT name_not_empty CHECK (name <> '')")]
    [TestCase("CREATE OR REPLACE FUNCTION other.f() RETURNS int LANGUAGE sql AS 'SELECT 2'")]
    [TestCase("ALTER SEQUENCE other.s INCREMENT BY 2")]
    [TestCase("CREATE VIEW other.v AS SELECT id FROM other.t")]
    [TestCase("CREATE TYPE other.mood AS ENUM ('ok')")]
    [TestCase("CREATE TRIGGER t_touch BEFORE UPDATE ON other.t FOR EACH ROW EXECUTE FUNCTION other.touch()")]
    [TestCase("UPDATE other.t SET name = 'b'")]
    [TestCase("INSERT INTO other.t VALUES (2, 'b')")]
    [TestCase("INSERT INTO public.migrationtasks_history_audit VALUES ('x')")]
    public async Task A_change_anywhere_changes_the_fingerprint(string change)
    {
        await using var database = await TestDatabase.CreateAsync();
        var sql = """
            CREATE TABLE public.migrationtasks_history_audit (what text);
            CREATE SCHEMA IF NOT EXISTS other;
            CREATE TABLE other.t (id int PRIMARY KEY, name text);
            INSERT INTO other.t VALUES (1, 'a');
            CREATE SEQUENCE other.s;
            CREATE FUNCTION other.f() RETURNS int LANGUAGE sql AS 'SELECT 1';
            CREATE FUNCTION other.touch() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';
            """;
        // CREATE SCHEMA other is the change itself in the first case, so start without it there.
        await ExecuteEachAsync(database, change == "CREATE SCHEMA other" ? "CREATE TABLE public.migrationtasks_history_audit (what text);" : sql);
        var before = await CatalogFingerprint.TakeAsync(database.ConnectionString);

        await database.ExecuteAsync(change);

        Assert.That(await CatalogFingerprint.TakeAsync(database.ConnectionString), Is.Not.EqualTo(before));
    }

    [Test]
    public async Task Nextval_alone_does_not_change_it_and_audit_rows_can_be_left_out()
    {
        await using var database = await TestDatabase.CreateAsync();
        await ExecuteEachAsync(database, "CREATE SEQUENCE s;\nCREATE TABLE public.migrationtasks_history_audit (outcome text);");
        var before = await CatalogFingerprint.TakeAsync(database.ConnectionString, auditRows: false);

        await ExecuteEachAsync(database, "SELECT nextval('s');\nINSERT INTO public.migrationtasks_history_audit VALUES ('failed');");

        Assert.That(await CatalogFingerprint.TakeAsync(database.ConnectionString, auditRows: false), Is.EqualTo(before));
        Assert.That(await CatalogFingerprint.FailedAuditRowsAsync(database.ConnectionString), Is.EqualTo(1));
    }

    // One statement per command: the tool switches Npgsql's SQL rewriting off process-wide, which allows no batches in one string.
    private static async Task ExecuteEachAsync(TestDatabase database, string sql)
    {
        foreach (var statement in sql.Split(";\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            await database.ExecuteAsync(statement.TrimEnd(';'));
        }
    }
}
