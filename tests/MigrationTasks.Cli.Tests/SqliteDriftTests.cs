using MigrationTasks.Cli.Tests.Support;
using MigrationTasks.Schema;

namespace MigrationTasks.Cli.Tests;

/// <summary>
/// The schema fingerprint on SQLite (docs/sqlite.md): what only SQLite needs, its CREATE text normalised and its
/// own tables left out. Drift of a column added by hand on both engines is <see cref="EngineContractTests"/>'.
/// </summary>
public sealed class SqliteDriftTests
{
    private string _folder = null!;

    [SetUp]
    public void SetUp() => _folder = Directory.CreateTempSubdirectory("mt-sqlite-drift-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    private string Connection(string file = "app.db") => "sqlite:" + Path.Combine(_folder, file);

    private static Task<CliResult> Run(Migrations migrations, string connection, params string[] args) =>
        Tool.RunAsync([.. args, "--dir", migrations.Path, "--connection", connection]);

    private static void Execute(string connection, string sql)
    {
        using var database = SqliteFile.Open(connection["sqlite:".Length..]);
        using var command = database.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static Migrations Shop() => new Migrations()
        .Add("0001_items.sql", "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\nCREATE VIEW named AS SELECT name FROM items;")
        .Add("0002_touch.sql", "CREATE TRIGGER items_touch AFTER UPDATE ON items BEGIN SELECT 1; END;");

    [Test]
    public async Task A_table_written_on_several_lines_equals_one_grown_by_add_column()
    {
        // Given the same table built two ways in two files
        using var oneStep = new Migrations().Add("0001_t.sql", "CREATE TABLE t (\n    a INTEGER,\n    b INTEGER DEFAULT 0\n);");
        using var twoSteps = new Migrations().Add("0001_t.sql", "CREATE TABLE t (a INTEGER);").Add("0002_b.sql", "ALTER TABLE t ADD COLUMN b INTEGER DEFAULT 0;");
        await Run(oneStep, Connection("one.db"), "up");
        await Run(twoSteps, Connection("two.db"), "up");

        // When both are dumped
        var one = await Run(oneStep, Connection("one.db"), "dump", "--out", "-");
        var two = await Run(twoSteps, Connection("two.db"), "dump", "--out", "-");

        // Then the text is the same
        Assert.That(one.ExitCode, Is.Zero, one.ToString());
        Assert.That(one.Output, Does.Contain("column t.b"));
        Assert.That(two.Output, Is.EqualTo(one.Output));
    }

    [TestCase("CREATE INDEX items_name ON items (name)", "+ index items_name")]
    [TestCase("DROP TRIGGER items_touch", "- trigger items.items_touch")]
    [TestCase("DROP VIEW named", "- view named")]
    public async Task A_change_made_by_hand_is_named(string change, string expected)
    {
        using var migrations = Shop();
        await Run(migrations, Connection(), "up");

        Execute(Connection(), change);
        var result = await Run(migrations, Connection(), "drift");

        Assert.That(result.ExitCode, Is.EqualTo(9), result.ToString());
        Assert.That(result.Output, Does.Contain(expected));
    }

    [Test]
    public async Task The_history_audit_and_lease_tables_are_never_described()
    {
        using var migrations = Shop();
        await Run(migrations, Connection(), "up");

        var dump = await Run(migrations, Connection(), "dump", "--out", "-");

        Assert.That(dump.ExitCode, Is.Zero, dump.ToString());
        Assert.That(dump.Output, Does.Contain("items").And.Not.Contain("migrationtasks_history").And.Not.Contain("sqlite_"));
        Assert.That(dump.Output, Does.Contain("from the SQLite schema").And.Not.Contain("pg_catalog"), "the header names where the schema was read");
    }

    [Test]
    public async Task The_run_ending_row_records_the_schema_and_an_excluded_table_is_not_drift()
    {
        using var migrations = Shop().Add("migrations.yaml", "drift:\n  exclude: [tmp_*]\n");
        string[] config = ["--config", Path.Combine(migrations.Path, "migrations.yaml")];
        await Run(migrations, Connection(), ["up", .. config]);

        Execute(Connection(), "CREATE TABLE tmp_load (id INTEGER)");
        var result = await Run(migrations, Connection(), ["drift", .. config]);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Contain("No drift").And.Contain("after 0002 (touch)"));
        Assert.That(SqliteFile.Count(Path.Combine(_folder, "app.db"), "SELECT count(*) FROM migrationtasks_history WHERE schema_fingerprint IS NOT NULL"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_history_table_of_an_earlier_version_gains_the_schema_columns()
    {
        // Given a file migrated by a version that recorded no schema (its history table lacks the columns)
        using var first = new Migrations().Add("0001_a.sql", "CREATE TABLE a (id INTEGER);");
        await Run(first, Connection(), "up");
        Execute(Connection(), "ALTER TABLE migrationtasks_history DROP COLUMN schema_text");
        Execute(Connection(), "ALTER TABLE migrationtasks_history DROP COLUMN schema_fingerprint");
        var before = await Run(first, Connection(), "drift");

        // When a newer runner applies the next migration
        first.Add("0002_b.sql", "CREATE TABLE b (id INTEGER);");
        var up = await Run(first, Connection(), "up");
        var after = await Run(first, Connection(), "drift");

        // Then drift first said nothing was recorded, and is clean once the next up recorded it
        Assert.That(before.ExitCode, Is.EqualTo(2), before.ToString());
        Assert.That(before.Error, Does.Contain("MT3016"));
        Assert.That(up.ExitCode, Is.Zero, up.ToString());
        Assert.That(after.ExitCode, Is.Zero, after.ToString());
    }

    [Test]
    public async Task Column_lines_are_written_as_schema_line_format_writes_them_escapes_included()
    {
        // Given a table whose column name holds a tab and whose default holds a tab, a line break and a backslash,
        // beside a column without a declared type and a primary key (SQLite writes these lines itself, in SQL)
        using var migrations = new Migrations().Add("0001_t.sql",
            "CREATE TABLE t (id INTEGER PRIMARY KEY, \"a\tb\" TEXT NOT NULL DEFAULT 'x\ty\\z\r\nw', c, d INT DEFAULT 3);");

        // When up records the schema
        var up = await Run(migrations, Connection(), "up");

        // Then each column's line is the one SchemaLine.Format writes, what drift and dump parse
        Assert.That(up.ExitCode, Is.Zero, up.ToString());
        using var database = SqliteFile.Open(Path.Combine(_folder, "app.db"));
        using var read = database.CreateCommand();
        read.CommandText = "SELECT schema_text FROM migrationtasks_history WHERE schema_text IS NOT NULL";
        var lines = ((string)read.ExecuteScalar()!).Split('\n');
        Assert.That(lines, Does.Contain(SchemaLine.Format("column", "t.id", ("position", "1"), ("type", "INTEGER"), ("primary_key", "1"))));
        Assert.That(lines, Does.Contain(SchemaLine.Format("column", "t.a\tb", ("position", "2"), ("type", "TEXT"), ("not_null", "yes"), ("default", "'x\ty\\z\r\nw'"))));
        Assert.That(lines, Does.Contain(SchemaLine.Format("column", "t.c", ("position", "3"), ("type", ""))));
        Assert.That(lines, Does.Contain(SchemaLine.Format("column", "t.d", ("position", "4"), ("type", "INT"), ("default", "3"))));
        Assert.That(lines.Count(l => l.StartsWith("column\t", StringComparison.Ordinal)), Is.EqualTo(4));
    }
}
