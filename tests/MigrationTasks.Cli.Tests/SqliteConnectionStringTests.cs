using MigrationTasks.Cli.Tests.Support;

namespace MigrationTasks.Cli.Tests;

/// <summary>
/// A <c>Data Source=…</c> connection string that Microsoft.Data.Sqlite cannot read is a usage error (MT4001, exit 2)
/// that names the keyword and never shows a value: a value can hold the password. What it asks of SQLite
/// (<c>Foreign Keys=False</c>) holds on the run's connections.
/// </summary>
public sealed class SqliteConnectionStringTests
{
    private const string Sentinel = "S3ntinel-Pa55-x9";

    // A forgotten semicolon puts the password inside Mode's value; the others are values of the wrong type.
    [TestCase("Data Source=app.db;Mode=ReadWrite Password=" + Sentinel, "Mode")]
    [TestCase("Data Source=app.db;Password=x;Cache=" + Sentinel, "Cache")]
    [TestCase("Data Source=app.db;Foreign Keys=" + Sentinel, "Foreign Keys")]
    [TestCase("Data Source=app.db;Default Timeout=" + Sentinel, "Default Timeout")]
    public async Task A_value_that_cannot_be_read_is_named_by_its_keyword_and_never_shown(string connection, string keyword)
    {
        using var migrations = new Migrations().Add("0001_t.sql", "CREATE TABLE t (id INTEGER);");

        var result = await Tool.RunAsync("status", "--dir", migrations.Path, "--connection", connection);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("MT4001"));
        Assert.That(result.Error, Does.Contain($"'{keyword}'").IgnoreCase, "the keyword, as the builder spells it (lower case)");
        Assert.That(result.All, Does.Not.Contain(Sentinel));
    }

    // A password with an unquoted ';' splits: the piece after it reads as a keyword of its own, and naming that
    // keyword would show part of the password.
    [TestCase("Data Source=app.db;Password=x;" + Sentinel + "=y")]
    public async Task A_keyword_right_after_the_password_is_not_named(string connection)
    {
        using var migrations = new Migrations().Add("0001_t.sql", "CREATE TABLE t (id INTEGER);");

        var result = await Tool.RunAsync("status", "--dir", migrations.Path, "--connection", connection);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("MT4001"));
        Assert.That(result.Error, Does.Contain("quote it"), "the next step: the password holds a ';'");
        Assert.That(result.All, Does.Not.Contain(Sentinel).IgnoreCase);
    }

    // Before: the password was dropped without a word and the migrations went into a plain-text file the user believed encrypted.
    [Test]
    public async Task A_password_is_refused_because_the_bundled_sqlite_does_not_encrypt()
    {
        var folder = Directory.CreateTempSubdirectory("mt-sqlite-password-").FullName;
        try
        {
            var database = Path.Combine(folder, "app.db");
            using var migrations = new Migrations().Add("0001_t.sql", "CREATE TABLE t (id INTEGER);");

            var result = await Tool.RunAsync("up", "--dir", migrations.Path, "--connection", $"Data Source={database};Password={Sentinel}");

            Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
            Assert.That(result.Error, Does.Contain("MT4001").And.Contain("does not encrypt").And.Contain("Remove Password="));
            Assert.That(result.All, Does.Not.Contain(Sentinel));
            Assert.That(File.Exists(database), Is.False, "no plain-text database was written");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // The bundled SQLite enforces foreign keys unless told otherwise; the connection string is how a user tells it.
    [TestCase("Foreign Keys=False", 0)]
    [TestCase("Foreign Keys=True", 6)]
    public async Task Foreign_keys_in_the_connection_string_hold_on_the_migrations(string keyword, int exitCode)
    {
        var folder = Directory.CreateTempSubdirectory("mt-sqlite-fk-").FullName;
        try
        {
            var connection = $"Data Source={Path.Combine(folder, "app.db")};{keyword}";
            using var migrations = new Migrations()
                .Add("0001_tables.sql", "CREATE TABLE parent (id INTEGER PRIMARY KEY);\nCREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent (id));")
                .Add("0002_orphan.sql", "INSERT INTO child (id, parent_id) VALUES (1, 42);");

            var result = await Tool.RunAsync("up", "--dir", migrations.Path, "--connection", connection, "--no-backup");

            Assert.That(result.ExitCode, Is.EqualTo(exitCode), result.ToString());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
