using MigrationTasks.Cli.Tests.Support;

namespace MigrationTasks.Cli.Tests;

public sealed class ProtectedEnvironmentTests : DatabaseTest
{
    private const string Config = """
        environments:
          production:
            protected: true
          staging:
            protected: false
        """;

    private static Migrations Reversible() => new Migrations()
        .Add("migrations.yaml", Config)
        .Add("0001_users.sql", "CREATE TABLE users (id int);")
        .Add("0001_users.down.sql", "DROP TABLE users;");

    private static string ConfigPath(Migrations migrations) => Path.Combine(migrations.Path, "migrations.yaml");

    [Test]
    public async Task Down_in_a_protected_environment_is_refused_and_changes_nothing()
    {
        using var migrations = Reversible();
        await Run(migrations, "up", "--config", ConfigPath(migrations));

        var result = await Run(migrations, "down", "--config", ConfigPath(migrations), "--environment", "production");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("MT4004").And.Contain("protected environment 'production'").And.Contain("--force"));
        Assert.That(await Database.TableExistsAsync("public", "users"), Is.True);
    }

    [Test]
    public async Task Force_lets_down_run_in_a_protected_environment()
    {
        using var migrations = Reversible();
        await Run(migrations, "up", "--config", ConfigPath(migrations));

        var result = await Run(migrations, "down", "--config", ConfigPath(migrations), "--environment", "production", "--force");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(await Database.TableExistsAsync("public", "users"), Is.False);
        Assert.That(await Database.ScalarAsync<string>("SELECT environment FROM migrationtasks_history_audit WHERE action = 'down'"), Is.EqualTo("production"));
    }

    [TestCase("repair")]
    [TestCase("mark-applied", "1")]
    [TestCase("baseline", "--version", "1")]
    public async Task Every_destructive_command_is_refused_in_a_protected_environment_from_the_variable(params string[] command)
    {
        using var migrations = Reversible();
        var environment = new Dictionary<string, string>
        {
            ["MIGRATION_ENVIRONMENT"] = "production",
            ["MIGRATION_CONFIG"] = ConfigPath(migrations),
            ["DATABASE_URL"] = Database.ConnectionString,
        };

        var result = await Tool.RunAsync(environment, [.. command, "--dir", migrations.Path]);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("MT4004").And.Contain(command[0]));
        Assert.That(await Database.TableExistsAsync("public", "migrationtasks_history"), Is.False);
    }

    [Test]
    public async Task An_unprotected_environment_needs_no_force()
    {
        using var migrations = Reversible();
        await Run(migrations, "up", "--config", ConfigPath(migrations));

        var result = await Run(migrations, "down", "--config", ConfigPath(migrations), "--environment", "staging");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
    }

    [Test]
    public async Task An_empty_environment_option_is_a_usage_error_not_no_environment()
    {
        // Given a file with a protected environment, and a down whose --environment "$DEPLOY_ENV" came out empty (an unset CI variable)
        using var migrations = Reversible();
        await Run(migrations, "up", "--config", ConfigPath(migrations));

        var result = await Run(migrations, "down", "--config", ConfigPath(migrations), "--environment", "");

        // Then it is refused, naming the option and the file's environments, and nothing is reverted
        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("MT4002").And.Contain("--environment is empty").And.Contain("migrations.yaml").And.Contain("production"));
        Assert.That(await Database.TableExistsAsync("public", "users"), Is.True);
    }

    [Test]
    public async Task An_unknown_environment_is_a_usage_error_so_a_typo_cannot_lift_protection()
    {
        using var migrations = Reversible();

        var result = await Run(migrations, "down", "--config", ConfigPath(migrations), "--environment", "prod");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("MT4005").And.Contain("'prod'").And.Contain("production"));
    }
}
