using MigrationTasks.Cli.Tests.Support;

namespace MigrationTasks.Cli.Tests;

/// <summary>The codes of the README's exit-code table that need no database state to provoke.</summary>
public sealed class ExitCodeTests
{
    [Test]
    public async Task An_unknown_option_is_exit_2()
    {
        var result = await Tool.RunAsync("up", "--no-such-option");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
    }

    [Test]
    public async Task No_database_configured_is_exit_2_saying_how_to_set_one()
    {
        using var migrations = Migrations.Basic();

        var result = await Tool.RunAsync("up", "--dir", migrations.Path);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("MIGRATION_DATABASE_URL"));
    }

    [Test]
    public async Task Invalid_migration_files_are_exit_3_before_any_connection()
    {
        using var migrations = new Migrations().Add("create_users.sql", "SELECT 1;");

        // Port 1 is never a PostgreSQL server: exit 3 proves the files were checked first.
        var result = await Tool.RunAsync("up", "--dir", migrations.Path, "--connection", "Host=127.0.0.1;Port=1;Username=x");

        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.Error, Does.Contain("MT1001").And.Contain("create_users.sql"));
    }

    [Test]
    public async Task An_unreachable_database_is_exit_5_after_retrying_until_the_timeout()
    {
        using var migrations = Migrations.Basic();

        var result = await Tool.RunAsync("up", "--dir", migrations.Path, "--connection", "Host=127.0.0.1;Port=1;Username=x", "--timeout", "2");

        Assert.That(result.ExitCode, Is.EqualTo(5), result.ToString());
        Assert.That(result.Error, Does.Contain("MT3002"));
    }

    [Test]
    public async Task A_missing_database_fails_at_once_without_retrying()
    {
        await using var database = await MigrationTasks.Testing.TestDatabase.CreateAsync();
        using var migrations = Migrations.Basic();
        var missing = new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString) { Database = "no_such_database" }.ToString();

        var result = await Tool.RunAsync("up", "--dir", migrations.Path, "--connection", missing, "--timeout", "60");

        Assert.That(result.ExitCode, Is.EqualTo(5), result.ToString());
        Assert.That(result.Error, Does.Contain("no_such_database").And.Not.Contain("retry"));
    }
}
