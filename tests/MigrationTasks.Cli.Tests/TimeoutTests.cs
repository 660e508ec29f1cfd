using MigrationTasks.Cli.Tests.Support;

namespace MigrationTasks.Cli.Tests;

/// <summary>The overall deadline, and per-migration timeouts from migrations.yaml overridden by directives.</summary>
public sealed class TimeoutTests : DatabaseTest
{
    [Test]
    public async Task The_default_statement_timeout_from_the_configuration_applies_to_every_migration()
    {
        using var migrations = new Migrations()
            .Add("migrations.yaml", "defaults:\n  statement_timeout: 100ms\n")
            .Add("0001_slow.sql", "CREATE TABLE slow (id int);\nSELECT pg_sleep(2);");

        var result = await Run(migrations, "up", "--config", Path.Combine(migrations.Path, "migrations.yaml"));

        Assert.That(result.ExitCode, Is.EqualTo(6), result.ToString());
        Assert.That(result.Error, Does.Contain("57014"));
        Assert.That(await Database.TableExistsAsync("public", "slow"), Is.False);
    }

    [Test]
    public async Task A_directive_overrides_the_configured_default()
    {
        using var migrations = new Migrations()
            .Add("migrations.yaml", "defaults:\n  statement_timeout: 100ms\n  lock_timeout: 1s\n")
            .Add("0001_slow.sql", "-- migrate:statement-timeout 10s\nSELECT pg_sleep(0.3);");

        var result = await Run(migrations, "up", "--config", Path.Combine(migrations.Path, "migrations.yaml"));

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
    }

    [Test]
    public async Task The_overall_timeout_cancels_the_running_migration_and_rolls_it_back()
    {
        using var migrations = new Migrations().Add("0001_slow.sql", "CREATE TABLE slow (id int);\nSELECT pg_sleep(30);");

        var result = await Run(migrations, "up", "--timeout", "1");

        Assert.That(result.ExitCode, Is.EqualTo(5), result.ToString());
        Assert.That(result.Error, Does.Contain("MT3008"));
        Assert.That(await Database.TableExistsAsync("public", "slow"), Is.False);
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(30)%'"), Is.Zero);
        Assert.That(await Database.ScalarAsync<string>("SELECT outcome FROM migrationtasks_history_audit"), Is.EqualTo("cancelled"));
    }
}
