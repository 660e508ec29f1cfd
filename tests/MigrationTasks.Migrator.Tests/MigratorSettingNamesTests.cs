using MigrationTasks.Execution;
using MigrationTasks.Testing;

namespace MigrationTasks.Migrator.Tests;

/// <summary>
/// A failure's next step names the option a Migrator user sets, not the CLI's environment variable: code that
/// embeds the Migrator has no MIGRATION_LOCK_TIMEOUT or MIGRATION_TIMEOUT to raise.
/// </summary>
public sealed class MigratorSettingNamesTests
{
    private string _folder = null!;

    [SetUp]
    public void SetUp()
    {
        _folder = Directory.CreateTempSubdirectory("mt-names-").FullName;
        File.WriteAllText(Path.Combine(_folder, "0001_slow.sql"), "SELECT pg_sleep(5);");
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task A_lock_timeout_names_MigratorOptions_LockTimeout()
    {
        await using var database = await TestDatabase.CreateAsync();
        var holder = new Migrator(new MigratorOptions { Connection = database.ConnectionString, Directory = _folder }).UpAsync();
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        var failure = Assert.ThrowsAsync<MigrationRunException>(() =>
            new Migrator(new MigratorOptions { Connection = database.ConnectionString, Directory = _folder, LockTimeout = TimeSpan.FromSeconds(1) }).UpAsync());
        await holder;

        Assert.That(failure!.Outcome, Is.EqualTo(RunOutcome.LockNotAcquired));
        Assert.That(failure.Message, Does.Contain("MigratorOptions.LockTimeout").And.Not.Contain("MIGRATION_LOCK_TIMEOUT"));
    }

    [Test]
    public async Task A_zero_lock_timeout_asks_for_the_lock_once_and_does_not_wait()
    {
        await using var database = await TestDatabase.CreateAsync();
        var holder = new Migrator(new MigratorOptions { Connection = database.ConnectionString, Directory = _folder }).UpAsync();
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        // As docs/in-process.md says: unlike the CLI's --lock-timeout 0 (no limit), TimeSpan.Zero is one try.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var failure = Assert.ThrowsAsync<MigrationRunException>(() =>
            new Migrator(new MigratorOptions { Connection = database.ConnectionString, Directory = _folder, LockTimeout = TimeSpan.Zero }).UpAsync());
        var waited = clock.Elapsed;
        await holder;

        Assert.That(failure!.Outcome, Is.EqualTo(RunOutcome.LockNotAcquired));
        Assert.That(waited, Is.LessThan(TimeSpan.FromSeconds(2.5)), "it returned before the holder's 5 s migration ended");
    }

    [Test]
    public void An_unreachable_database_names_MigratorOptions_ConnectTimeout()
    {
        var failure = Assert.ThrowsAsync<MigrationRunException>(() =>
            new Migrator(new MigratorOptions { Connection = "Host=127.0.0.1;Port=1;Username=nobody", Directory = _folder, ConnectTimeout = TimeSpan.FromSeconds(1) }).UpAsync());

        Assert.That(failure!.Outcome, Is.EqualTo(RunOutcome.DatabaseUnreachable));
        Assert.That(failure.Message, Does.Contain("MigratorOptions.ConnectTimeout").And.Not.Contain("MIGRATION_TIMEOUT"));
    }
}
