using MigrationTasks.Cli.Tests.Support;

namespace MigrationTasks.Cli.Tests;

/// <summary>The statements SQLite cannot run as a migration writes them, found by the words the dialect reads (StatementWords).</summary>
public sealed class SqliteStatementCheckTests
{
    private string _folder = null!;

    [SetUp]
    public void SetUp() => _folder = Directory.CreateTempSubdirectory("mt-sqlite-checks-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    [TestCase("CREATE TABLE t (id INTEGER);\nPRAGMA foreign_keys = OFF;", "0002_x.sql(2,1)", "MT1041")]
    [TestCase("PRAGMA main.foreign_keys = OFF;\nCREATE TABLE t (id INTEGER);", "0002_x.sql(1,1)", "MT1041")]
    [TestCase("PRAGMA foreign_keys = OFF;\nBEGIN;\nPRAGMA foreign_keys = OFF;\nCREATE TABLE t (id INTEGER);\nCOMMIT;", "0002_x.sql(3,1)", "MT1041")]
    [TestCase("BEGIN;\nCREATE TABLE t (id INTEGER);\nPRAGMA foreign_keys = ON;\nCOMMIT;", "0002_x.sql(3,1)", "MT1041")]
    [TestCase("CREATE TABLE t (id INTEGER);\nVACUUM;", "0002_x.sql(2,1)", "MT1018")]
    [TestCase("ALTER TABLE main.u ADD CONSTRAINT c CHECK (id > 0);", "0002_x.sql(1,1)", "MT1040")]
    [TestCase("ALTER TABLE u DROP CONSTRAINT c;", "0002_x.sql(1,1)", "MT1040")]
    [TestCase("BEGIN;\nSAVEPOINT s;\nCREATE TABLE t (id INTEGER);\nROLLBACK TO s;\nVACUUM;\nCOMMIT;", "0002_x.sql(5,1)", "MT1018")]
    public async Task Lint_reports_a_statement_sqlite_cannot_run_where_it_is(string sql, string place, string code)
    {
        File.WriteAllText(Path.Combine(_folder, "migrations.yaml"), "engine: sqlite\n");
        using var migrations = new Migrations().Add("0001_u.sql", "CREATE TABLE u (id INTEGER);").Add("0002_x.sql", sql);

        var result = await Tool.RunAsync("lint", "--dir", migrations.Path, "--config", Path.Combine(_folder, "migrations.yaml"));

        Assert.That(result.ToString(), Does.Contain(place).And.Contain(code));
    }

    [Test]
    public async Task The_recreation_recipe_as_documented_raises_nothing()
    {
        File.WriteAllText(Path.Combine(_folder, "migrations.yaml"), "engine: sqlite\n");
        using var migrations = new Migrations().Add("0001_u.sql", "CREATE TABLE u (id INTEGER);").Add("0002_x.sql",
            "PRAGMA foreign_keys = OFF;\nBEGIN;\nCREATE TABLE new_u (id INTEGER NOT NULL);\nINSERT INTO new_u SELECT id FROM u;\nDROP TABLE u;\n" +
            "ALTER TABLE new_u RENAME TO u;\nPRAGMA foreign_key_check;\nCOMMIT;\nPRAGMA foreign_keys = ON;");

        var result = await Tool.RunAsync("lint", "--dir", migrations.Path, "--config", Path.Combine(_folder, "migrations.yaml"));

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.ToString(), Does.Not.Contain("MT10"));
    }

    [Test]
    public async Task Plain_statements_raise_nothing()
    {
        File.WriteAllText(Path.Combine(_folder, "migrations.yaml"), "engine: sqlite\n");
        using var migrations = new Migrations().Add("0001_u.sql", "CREATE TABLE u (id INTEGER);\nALTER TABLE u ADD COLUMN note TEXT;\nALTER TABLE u RENAME TO v;");

        var result = await Tool.RunAsync("lint", "--dir", migrations.Path, "--config", Path.Combine(_folder, "migrations.yaml"));

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.ToString(), Does.Not.Contain("MT10"));
    }
}
