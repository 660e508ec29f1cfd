using MigrationTasks.Cli.Tests.Support;

namespace MigrationTasks.Cli.Tests;

/// <summary>The PostgreSQL timeout directives mean nothing on SQLite: a warning at the directive (MT2030), and the migration runs as written.</summary>
public sealed class SqliteDirectiveTests
{
    private string _folder = null!;

    private string ConfigPath => Path.Combine(_folder, "migrations.yaml");

    [SetUp]
    public void SetUp()
    {
        _folder = Directory.CreateTempSubdirectory("mt-sqlite-directives-").FullName;
        File.WriteAllText(ConfigPath, "engine: sqlite\n");
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    private static Migrations WithTimeouts() => new Migrations()
        .Add("0001_t.sql", "-- migrate:lock-timeout 5s\n--   migrate:statement-timeout 1min\nCREATE TABLE t (id INTEGER);");

    [Test]
    public async Task Lint_warns_at_each_postgresql_timeout_directive_that_sqlite_ignores()
    {
        using var migrations = WithTimeouts();

        var result = await Tool.RunAsync("lint", "--dir", migrations.Path, "--config", ConfigPath);

        Assert.That(result.ExitCode, Is.Zero, "a warning, not an error: " + result);
        Assert.That(result.ToString(), Does.Contain("0001_t.sql(1,4)").And.Contain("MT2030").And.Contain("'-- migrate:lock-timeout' sets a PostgreSQL timeout and is ignored on SQLite"));
        Assert.That(result.ToString(), Does.Contain("0001_t.sql(2,6)").And.Contain("'-- migrate:statement-timeout'"));
    }

    [Test]
    public async Task The_same_directives_are_no_warning_for_postgresql()
    {
        using var migrations = WithTimeouts();

        var result = await Tool.RunAsync("lint", "--dir", migrations.Path);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.ToString(), Does.Not.Contain("MT2030"));
    }

    [Test]
    public async Task A_migration_with_an_ignored_directive_still_applies_on_sqlite()
    {
        using var migrations = WithTimeouts();
        var database = Path.Combine(_folder, "app.db");

        var result = await Tool.RunAsync("up", "--dir", migrations.Path, "--connection", "sqlite:" + database, "--no-backup");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(SqliteFile.Count(database, "SELECT count(*) FROM sqlite_master WHERE name = 't'"), Is.EqualTo(1));
    }

    [Test]
    public async Task An_unknown_directive_on_sqlite_lists_the_directives_sqlite_honours()
    {
        using var migrations = new Migrations().Add("0001_t.sql", "-- migrate:lock-timout 5s\nCREATE TABLE t (id INTEGER);");
        var database = Path.Combine(_folder, "app.db");

        var result = await Tool.RunAsync("up", "--dir", migrations.Path, "--connection", "sqlite:" + database, "--no-backup");

        Assert.That(result.ExitCode, Is.Not.Zero, result.ToString());
        Assert.That(result.ToString(), Does.Contain("0001_t.sql(1,4)").And.Contain("MT1006")
            .And.Contain("unknown directive 'lock-timout'; known directives are: no-transaction, allow-out-of-order, allow"));
        Assert.That(SqliteFile.Count(database, "SELECT count(*) FROM sqlite_master WHERE name = 't'"), Is.Zero);
    }

    [Test]
    public async Task A_timeout_directive_after_the_first_statement_is_misplaced_and_not_also_ignored()
    {
        using var migrations = new Migrations()
            .Add("0001_t.sql", "-- migrate:lock-timeout 5s\nCREATE TABLE t (id INTEGER);\n-- migrate:statement-timeout 1min\nSELECT 1;");

        var result = await Tool.RunAsync("lint", "--dir", migrations.Path, "--config", ConfigPath);

        Assert.That(result.ToString(), Does.Contain("0001_t.sql(1,4)").And.Contain("MT2030").And.Contain("0001_t.sql(3,1)").And.Contain("MT1009"), result.ToString());
        Assert.That(result.ToString(), Does.Not.Contain("'-- migrate:statement-timeout' sets a PostgreSQL timeout"), "only the leading directives are read");
    }
}
