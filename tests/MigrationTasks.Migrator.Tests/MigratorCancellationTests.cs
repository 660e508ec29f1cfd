using MigrationTasks.Testing;

namespace MigrationTasks.Migrator.Tests;

/// <summary>
/// A cancelled token ends a run as .NET code expects, with an <see cref="OperationCanceledException"/>, on both engines,
/// and leaves the database as it was before the migration that was running: rolled back, not recorded, lock released.
/// </summary>
public sealed class MigratorCancellationTests
{
    private string _folder = null!;

    [SetUp]
    public void SetUp() => _folder = Directory.CreateTempSubdirectory("mt-cancel-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    private string Migrations(string slowStatement)
    {
        File.WriteAllText(Path.Combine(_folder, "0001_a.sql"), "CREATE TABLE a (id int);");
        File.WriteAllText(Path.Combine(_folder, "0002_slow.sql"), "CREATE TABLE b (id int);\n" + slowStatement);
        return _folder;
    }

    [Test]
    public async Task A_postgres_run_cancelled_mid_migration_rolls_it_back_and_releases_the_lock()
    {
        await using var database = await TestDatabase.CreateAsync();
        var migrator = new Migrator(new MigratorOptions { Connection = database.ConnectionString, Directory = Migrations("SELECT pg_sleep(30);") });
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(2));

        Assert.That(async () => await migrator.UpAsync(cancellationToken: cancel.Token), Throws.InstanceOf<OperationCanceledException>());

        Assert.That(await database.TableExistsAsync("public", "b"), Is.False);
        Assert.That(await database.ScalarAsync<long>("SELECT count(*) FROM migrationtasks_history"), Is.EqualTo(1), "0001 only");
        Assert.That(await database.ScalarAsync<long>("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"), Is.Zero);
    }

    [Test]
    public async Task A_sqlite_run_cancelled_mid_migration_is_cancelled_not_a_failed_migration()
    {
        // SQLite cancels by sqlite3_interrupt, which fails the running statement with SQLITE_INTERRUPT; that
        // came out as the engine's internal MigrationFailedException.
        var migrator = new Migrator(new MigratorOptions
        {
            Connection = "sqlite:" + Path.Combine(_folder, "app.db"),
            Directory = Migrations("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000000) SELECT count(*) FROM c;"),
        });
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(1));

        Assert.That(async () => await migrator.UpAsync(cancellationToken: cancel.Token), Throws.InstanceOf<OperationCanceledException>());

        Assert.That((await migrator.PlanAsync()).Pending.Select(m => m.DisplayName), Is.EqualTo(new[] { "0002_slow" }), "0002 rolled back and not recorded");
    }
}
