using MigrationTasks.Cli.Tests.Support;

namespace MigrationTasks.Cli.Tests;

/// <summary><c>migrations verify</c> stays PostgreSQL-only: SQLite migrations, or a SQLite file as the dev server, are refused up front (MT4055).</summary>
public sealed class SqliteVerifyTests
{
    private string _folder = null!;

    private string DatabasePath => Path.Combine(_folder, "app.db");

    [SetUp]
    public void SetUp() => _folder = Directory.CreateTempSubdirectory("mt-sqlite-verify-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    private static Migrations WithDown() => new Migrations()
        .Add("0001_t.sql", "CREATE TABLE t (id INTEGER);")
        .Add("0001_t.down.sql", "DROP TABLE t;");

    [Test]
    public async Task Verify_on_a_sqlite_connection_says_it_needs_postgresql_and_how_to_check_sqlite_instead()
    {
        using var migrations = WithDown();

        var result = await Tool.RunAsync("verify", "--dir", migrations.Path, "--connection", "sqlite:" + DatabasePath);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("MT4055").And.Contain("only on a PostgreSQL development server").And.Contain("written for SQLite")
            .And.Contain("migrations dump"));
        Assert.That(File.Exists(DatabasePath), Is.False, "nothing was created");
    }

    [Test]
    public async Task Verify_of_migrations_for_sqlite_is_refused_before_it_connects_to_the_dev_server()
    {
        // Given migrations.yaml saying the files are SQLite's, and a dev server that is not there
        File.WriteAllText(Path.Combine(_folder, "migrations.yaml"), "engine: sqlite\n");
        using var migrations = WithDown();

        var result = await Tool.RunAsync("verify", "--dir", migrations.Path, "--config", Path.Combine(_folder, "migrations.yaml"),
            "--dev-url", "postgresql://nobody@127.0.0.1:1/postgres");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("MT4055").And.Contain("written for SQLite"));
    }

    [Test]
    public async Task A_sqlite_file_as_the_dev_server_is_refused()
    {
        using var migrations = WithDown();

        var result = await Tool.RunAsync("verify", "--dir", migrations.Path, "--dev-url", "sqlite:" + DatabasePath);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("MT4055").And.Contain("--dev-url names a SQLite file"));
        Assert.That(File.Exists(DatabasePath), Is.False);
    }
}
