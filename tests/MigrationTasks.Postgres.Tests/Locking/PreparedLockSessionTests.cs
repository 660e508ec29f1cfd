using MigrationTasks.Execution;
using MigrationTasks.Testing;
using Npgsql;

namespace MigrationTasks.Postgres.Tests.Locking;

/// <summary>
/// A run that has work to do opens the lock's session while it checks its migrations (<see cref="IMigrationDatabase.PrepareLock"/>):
/// the lock then takes that session, and a run that stops before asking for the lock leaves nothing open behind it.
/// </summary>
public sealed class PreparedLockSessionTests
{
    private static async Task<IMigrationDatabase> OpenAsync(TestDatabase database)
    {
        var settings = new PostgresSettings(new NpgsqlConnectionStringBuilder(database.ConnectionString) { ApplicationName = "prepared-lock-test" })
        {
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        return await new PostgresProvider(settings).OpenAsync(SilentObserver.Instance, CancellationToken.None);
    }

    private static Task<long> SessionsAsync(TestDatabase database) =>
        database.ScalarAsync<long>($"SELECT count(*) FROM pg_stat_activity WHERE datname = '{database.Name}' AND application_name = 'prepared-lock-test'");

    private static async Task<long> WaitForSessionsAsync(TestDatabase database, long expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        long sessions;
        while ((sessions = await SessionsAsync(database)) != expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        return sessions;
    }

    [Test]
    public async Task The_lock_takes_the_session_opened_ahead_and_opens_no_other()
    {
        await using var database = await TestDatabase.CreateAsync();
        var opened = await OpenAsync(database);
        await using (opened)
        {
            opened.PrepareLock(CancellationToken.None);
            Assert.That(await WaitForSessionsAsync(database, 2), Is.EqualTo(2), "the lock's session connects before the lock is asked for");

            var held = await opened.AcquireLockAsync(CancellationToken.None);
            await using (held)
            {
                Assert.That(await SessionsAsync(database), Is.EqualTo(2), "the work session and the one opened ahead, no third");
                Assert.That(await database.ScalarAsync<long>("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"), Is.EqualTo(2));
            }
        }

        Assert.That(await WaitForSessionsAsync(database, 0), Is.Zero);
    }

    [Test]
    public async Task A_run_that_stops_before_the_lock_closes_the_session_opened_for_it()
    {
        await using var database = await TestDatabase.CreateAsync();
        var opened = await OpenAsync(database);
        opened.PrepareLock(CancellationToken.None);
        Assert.That(await WaitForSessionsAsync(database, 2), Is.EqualTo(2));

        await opened.DisposeAsync();

        Assert.That(await WaitForSessionsAsync(database, 0), Is.Zero);
        Assert.That(await database.ScalarAsync<long>("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"), Is.Zero);
    }

    [Test]
    public async Task Disposing_while_the_session_is_still_connecting_closes_it_too()
    {
        await using var database = await TestDatabase.CreateAsync();
        var opened = await OpenAsync(database);

        opened.PrepareLock(CancellationToken.None);
        await opened.DisposeAsync();

        Assert.That(await WaitForSessionsAsync(database, 0), Is.Zero);
    }
}
