using MigrationTasks.Execution;
using MigrationTasks.Files;
using MigrationTasks.Testing;
using Npgsql;
using MigrationTasks.Postgres.Dialect;

namespace MigrationTasks.Postgres.Tests.Resilience;

/// <summary>Lock polling and migration retry wait on the run's clock: a fake one makes them instant and exact.</summary>
public sealed class WaitingClockTests
{
    private sealed class Observer(Action<RunEvent>? on = null) : IRunObserver
    {
        public void On(RunEvent runEvent) => on?.Invoke(runEvent);
    }

    private TestDatabase _database = null!;
    private string _folder = null!;

    [SetUp]
    public async Task SetUp()
    {
        _database = await TestDatabase.CreateAsync();
        _folder = Directory.CreateTempSubdirectory("mt-clock-").FullName;
        File.WriteAllText(Path.Combine(_folder, "1_a.sql"), "-- migrate:lock-timeout 100ms\nALTER TABLE t ADD COLUMN b int;");
        await _database.ExecuteAsync("CREATE TABLE t (a int)");
    }

    [TearDown]
    public async Task TearDown()
    {
        await _database.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private PostgresSettings Settings(ManualTimeProvider clock) =>
        new(new NpgsqlConnectionStringBuilder(_database.ConnectionString))
        {
            ConnectTimeout = TimeSpan.FromSeconds(10), LockTimeout = TimeSpan.FromSeconds(30), LockKey = 4242, Time = clock,
        };

    [Test]
    public async Task Lock_polling_backs_off_on_the_runs_clock_until_the_lock_timeout()
    {
        var clock = new ManualTimeProvider();
        await using var holder = await _database.OpenConnectionAsync();
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(4242)", holder))
        {
            await take.ExecuteNonQueryAsync();
        }

        var runner = new MigrationRunner(new PostgresProvider(Settings(clock)), new Observer(), new ApplyContext("9.9.9", null, null, null));
        var refused = Assert.ThrowsAsync<MigrationRunException>(() => runner.UpAsync(Task.FromResult(MigrationDirectory.Load(PostgresDialect.Instance, _folder)), null, CancellationToken.None));

        Assert.That(refused!.Outcome, Is.EqualTo(RunOutcome.LockNotAcquired));
        Assert.That(clock.Now, Is.EqualTo(TimeSpan.FromSeconds(30)));
        // Polls start near 50 ms and grow by half up to 1 s, each within half either way.
        Assert.That(clock.TimerDueTimes[0], Is.InRange(TimeSpan.FromMilliseconds(25), TimeSpan.FromMilliseconds(75)));
        Assert.That(clock.TimerDueTimes.SkipLast(1), Is.All.InRange(TimeSpan.FromMilliseconds(25), TimeSpan.FromMilliseconds(1500)));
        Assert.That(clock.TimerDueTimes.Count, Is.GreaterThan(20).And.LessThan(80));
    }

    [Test]
    public async Task A_migration_that_lost_a_race_for_a_lock_is_retried_after_a_wait_on_the_runs_clock()
    {
        var clock = new ManualTimeProvider();
        await using var blocker = await _database.OpenConnectionAsync();
        await using var transaction = await blocker.BeginTransactionAsync();
        await using (var take = new NpgsqlCommand("LOCK TABLE t IN ACCESS SHARE MODE", blocker, transaction))
        {
            await take.ExecuteNonQueryAsync();
        }

        // The first attempt times out on the table lock; the blocker lets go before the second.
        var observer = new Observer(e =>
        {
            if (e is RetryingEvent)
            {
                transaction.Rollback();
            }
        });
        var context = new ApplyContext("9.9.9", null, null, null) { Time = clock, Retry = new MigrationRetry(3, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(60)) };
        var runner = new MigrationRunner(new PostgresProvider(Settings(clock)), observer, context);

        var applied = await runner.UpAsync(Task.FromResult(MigrationDirectory.Load(PostgresDialect.Instance, _folder)), null, CancellationToken.None);

        Assert.That(applied, Is.EqualTo(1));
        Assert.That(clock.TimerDueTimes.Single(), Is.InRange(TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(25)));
    }
}
