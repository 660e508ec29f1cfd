using MigrationTasks.Cli.Tests.Support;

namespace MigrationTasks.Cli.Tests;

/// <summary>
/// Consecutive migrations on SQLite share a commit, each in a savepoint of its own (the provider's CommitGroup), and
/// still leave the file as one transaction each would: what a failing migration did is undone alone, even when
/// SQLite ends the whole shared transaction itself.
/// </summary>
public sealed class SqliteCommitGroupTests
{
    private string _folder = null!;

    private string DatabasePath => Path.Combine(_folder, "app.db");

    [SetUp]
    public void SetUp() => _folder = Directory.CreateTempSubdirectory("mt-sqlite-group-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    private Task<CliResult> Up(Migrations migrations) =>
        Tool.RunAsync("up", "--dir", migrations.Path, "--connection", "sqlite:" + DatabasePath, "--no-backup");

    [Test]
    public async Task A_hundred_tiny_migrations_commit_far_fewer_than_a_hundred_times()
    {
        // Given a hundred tiny migrations
        using var migrations = new Migrations();
        for (var i = 1; i <= 100; i++)
        {
            migrations.Add($"{i:D4}_t{i}.sql", $"CREATE TABLE t{i} (id INTEGER PRIMARY KEY);\nINSERT INTO t{i} VALUES ({i});");
        }

        // When they are applied
        var result = await Up(migrations);

        // Then all are recorded, and the file changed in far fewer transactions than one per migration
        // (the lease, the history tables and the audit row take a few of their own)
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(SqliteFile.Count(DatabasePath, "SELECT count(*) FROM migrationtasks_history"), Is.EqualTo(100));
        Assert.That(SqliteFile.Commits(DatabasePath), Is.LessThan(50));
        Assert.That(SqliteFile.Count(DatabasePath, "SELECT json_array_length(versions) FROM migrationtasks_history_audit WHERE action = 'up'"), Is.EqualTo(100),
            "the audit row names every version");
        Assert.That(SqliteFile.Count(DatabasePath, "SELECT count(*) FROM migrationtasks_history_audit WHERE json_extract(versions, '$[0]') = '0001' AND json_extract(versions, '$[99]') = '0100'"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_migration_that_makes_sqlite_roll_back_the_shared_transaction_leaves_the_ones_before_it_applied()
    {
        // Given two good migrations and a third whose INSERT OR ROLLBACK conflict ends the whole transaction it is in
        using var migrations = new Migrations()
            .Add("0001_a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY);")
            .Add("0002_b.sql", "CREATE TABLE b (id INTEGER PRIMARY KEY);")
            .Add("0003_c.sql", "CREATE TABLE c (id INTEGER PRIMARY KEY);\nINSERT INTO c VALUES (1);\nINSERT OR ROLLBACK INTO c VALUES (1);");

        // When they run without a backup to restore
        var result = await Up(migrations);

        // Then the third fails alone: the first two are applied and recorded, as if each had committed by itself
        Assert.That(result.ExitCode, Is.EqualTo(6), result.ToString());
        Assert.That(result.Error, Does.Contain("0003_c.sql").And.Contain("UNIQUE constraint failed"));
        Assert.That(SqliteFile.Count(DatabasePath, "SELECT count(*) FROM migrationtasks_history WHERE status = 'applied'"), Is.EqualTo(2));
        Assert.That(SqliteFile.Count(DatabasePath, "SELECT count(*) FROM sqlite_master WHERE name IN ('a', 'b')"), Is.EqualTo(2));
        Assert.That(SqliteFile.Count(DatabasePath, "SELECT count(*) FROM sqlite_master WHERE name = 'c'"), Is.Zero);
    }

    [Test]
    public async Task Each_migration_is_announced_as_it_starts_and_once_committed_so_the_counter_advances_per_migration()
    {
        // Given three migrations that each take longer than a commit group's budget (50 ms), so each commits by itself
        using var migrations = new Migrations();
        for (var i = 1; i <= 3; i++)
        {
            migrations.Add($"{i:D4}_slow{i}.sql",
                $"CREATE TABLE slow{i} AS SELECT count(*) AS n FROM (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000) SELECT x FROM c);");
        }

        // When they are applied in one run, with an event per line
        var result = await Tool.RunAsync("up", "--dir", migrations.Path, "--connection", "sqlite:" + DatabasePath, "--no-backup", "--output", "json");

        // Then each one's start follows the previous one's commit, not all starts first and all results at the end of the run
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var progress = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement)
            .Where(e => e.GetProperty("event").GetString() is "migration_started" or "migration_applied")
            .Select(e => $"{e.GetProperty("event").GetString()} {e.GetProperty("version").GetString()}");
        Assert.That(progress, Is.EqualTo(new[]
        {
            "migration_started 0001", "migration_applied 0001",
            "migration_started 0002", "migration_applied 0002",
            "migration_started 0003", "migration_applied 0003",
        }), result.Output);
    }
}
