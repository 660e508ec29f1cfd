using MigrationTasks.Cli.Tests.Support;
using MigrationTasks.Execution;
using MigrationTasks.Sqlite;

namespace MigrationTasks.Cli.Tests;

/// <summary>
/// The lease on SQLite (docs/sqlite.md), in-process: taken on the run's work connection, renewed on a connection
/// opened for the first renewal, released at the end. Racing and killed runners are <see cref="EngineContractTests"/>'.
/// </summary>
public sealed class SqliteLeaseTests
{
    private string _folder = null!;

    [SetUp]
    public void SetUp() => _folder = Directory.CreateTempSubdirectory("mt-sqlite-lease-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task The_lease_is_taken_on_the_run_s_connection_and_renewed_on_one_opened_for_the_first_renewal()
    {
        // Given an existing file whose history a run has read, and a lease renewed every 300 ms
        var path = Path.Combine(_folder, "app.db");
        using (var file = SqliteFile.Open(path))
        using (var create = file.CreateCommand())
        {
            create.CommandText = "CREATE TABLE app (id INTEGER)";
            create.ExecuteNonQuery();
        }

        var provider = new SqliteProvider(new SqliteSettings(path) { Lease = TimeSpan.FromMilliseconds(900) });
        var database = await provider.OpenAsync(SilentObserver.Instance, CancellationToken.None);
        await using var _ = database;
        await database.ReadHistoryAsync(CancellationToken.None);

        // When the run takes the lock, and holds it past two renewals
        var held = await database.AcquireLockAsync(CancellationToken.None);
        var handlesWhenTaken = HandlesOn(path);
        var expiresWhenTaken = LeaseExpiry(path);
        await Task.Delay(TimeSpan.FromMilliseconds(750));
        var handlesAfterRenewal = HandlesOn(path);
        var expiresAfterRenewal = LeaseExpiry(path);
        await held.DisposeAsync();

        // Then one connection holds the file until the first renewal opens the second, which extends the lease,
        // and the lease row is gone once the lock is released
        Assert.That(handlesWhenTaken, Is.EqualTo(1), "the lease is taken on the connection that read the history");
        Assert.That(expiresAfterRenewal, Is.GreaterThan(expiresWhenTaken));
        Assert.That(handlesAfterRenewal, Is.EqualTo(2));
        Assert.That(SqliteFile.Count(path, "SELECT count(*) FROM migrationtasks_history_lock"), Is.Zero);
    }

    private static long LeaseExpiry(string path) => SqliteFile.Count(path, "SELECT expires_ms FROM migrationtasks_history_lock");

    // Open descriptors of this process on the database file itself (not its journal): one per SQLite connection.
    private static int HandlesOn(string path) =>
        new DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos().Count(fd => fd.LinkTarget == path);

    [Test]
    public async Task An_application_writing_past_the_lock_timeout_is_named_as_such_not_as_another_runner()
    {
        // Given the application in a write transaction on the file
        var path = Path.Combine(_folder, "app.db");
        using var application = SqliteFile.Open(path);
        using var write = application.CreateCommand();
        write.CommandText = "BEGIN IMMEDIATE; CREATE TABLE app (id INTEGER);";
        write.ExecuteNonQuery();
        using var migrations = new Migrations().Add("0001_t.sql", "CREATE TABLE t (id INTEGER);");

        var result = await Tool.RunAsync("up", "--dir", migrations.Path, "--connection", "sqlite:" + path, "--lock-timeout", "1", "--no-backup");

        Assert.That(result.ExitCode, Is.EqualTo(4), result.ToString());
        Assert.That(result.Error, Does.Contain("MT3001").And.Contain("holder: another connection writing to the database").And.Not.Contain("another runner"));
    }
}
