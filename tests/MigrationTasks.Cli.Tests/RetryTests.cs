using MigrationTasks.Cli.Tests.Support;
using Npgsql;

namespace MigrationTasks.Cli.Tests;

/// <summary>Only failures PostgreSQL has fully rolled back and that may pass next time are re-run.</summary>
public sealed class RetryTests : DatabaseTest
{
    private const string RetryConfig = "retry:\n  attempts: 30\n  initial_delay: 200ms\n  max_delay: 400ms\n";

    [Test]
    public async Task A_migration_hitting_lock_timeout_is_retried_until_the_other_session_lets_go()
    {
        using var migrations = new Migrations()
            .Add("migrations.yaml", RetryConfig)
            .Add("0001_table.sql", "CREATE TABLE t (id int);")
            .Add("0002_column.sql", "-- migrate:lock-timeout 100ms\nALTER TABLE t ADD COLUMN c int;");
        await Run(migrations, "up", "--target", "1");
        await using var other = await Database.OpenConnectionAsync();
        await using var transaction = await HoldTableLockAsync(other);

        var run = Run(migrations, "up", "--config", Path.Combine(migrations.Path, "migrations.yaml"));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await transaction.CommitAsync();
        var result = await run;

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Error, Does.Contain("migration 0002_column failed (55P03").And.Contain("retry 1"));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM information_schema.columns WHERE table_name = 't' AND column_name = 'c'"), Is.EqualTo(1));
    }

    [Test]
    public async Task Retries_stop_at_the_configured_attempts_and_exit_6()
    {
        using var migrations = new Migrations()
            .Add("migrations.yaml", "retry:\n  attempts: 2\n  initial_delay: 100ms\n")
            .Add("0001_table.sql", "CREATE TABLE t (id int);")
            .Add("0002_column.sql", "-- migrate:lock-timeout 100ms\nALTER TABLE t ADD COLUMN c int;");
        await Run(migrations, "up", "--target", "1");
        await using var other = await Database.OpenConnectionAsync();
        await using var transaction = await HoldTableLockAsync(other);

        var result = await Run(migrations, "up", "--config", Path.Combine(migrations.Path, "migrations.yaml"));

        Assert.That(result.ExitCode, Is.EqualTo(6), result.ToString());
        Assert.That(result.Error, Does.Contain("retry 1").And.Not.Contain("retry 2").And.Contain("55P03"));
    }

    // Another session's open transaction holding ACCESS EXCLUSIVE on t, as a long report or a stuck deploy would.
    private static async Task<NpgsqlTransaction> HoldTableLockAsync(NpgsqlConnection other)
    {
        var transaction = await other.BeginTransactionAsync();
        await using var hold = new NpgsqlCommand("LOCK TABLE t IN ACCESS EXCLUSIVE MODE", other, transaction);
        await hold.ExecuteNonQueryAsync();
        return transaction;
    }

    [Test]
    public async Task Other_failures_are_never_re_run()
    {
        using var migrations = new Migrations().Add("0001_bad.sql", "SELECT * FROM no_such_table;");

        var result = await Run(migrations, "up");

        Assert.That(result.ExitCode, Is.EqualTo(6), result.ToString());
        Assert.That(result.Error, Does.Not.Contain("retry"));
    }
}
