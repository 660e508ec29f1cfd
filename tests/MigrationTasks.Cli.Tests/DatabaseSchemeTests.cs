using MigrationTasks.Cli.Tests.Support;

namespace MigrationTasks.Cli.Tests;

/// <summary>The connection's scheme picks the database provider, in one place; an engine we do not have is a usage error.</summary>
public sealed class DatabaseSchemeTests
{
    [TestCase("mysql://app:S3cret-Pa55@127.0.0.1:3306/db", "mysql")]
    [TestCase("sqlserver://app:S3cret-Pa55@127.0.0.1/db", "sqlserver")]
    public async Task A_connection_for_another_engine_is_exit_2_naming_its_scheme_and_the_ones_supported(string connection, string scheme)
    {
        using var migrations = Migrations.Basic();

        var result = await Tool.RunAsync("up", "--dir", migrations.Path, "--connection", connection);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("MT4001").And.Contain($"'{scheme}:'").And.Contain("postgresql://").And.Contain("sqlite:"));
        Assert.That(result.ToString(), Does.Not.Contain("S3cret-Pa55"));
    }

    [TestCase("postgres://app@127.0.0.1:1/db")]
    [TestCase("postgresql://app@127.0.0.1:1/db")]
    [TestCase("Host=127.0.0.1;Port=1;Username=app")]
    [TestCase("host=127.0.0.1 port=1 user=app")]
    public async Task PostgreSQL_uris_and_key_value_strings_reach_the_postgresql_provider(string connection)
    {
        using var migrations = Migrations.Basic();

        // Port 1 is never a server: exit 5 (unreachable) means the PostgreSQL provider tried to connect.
        var result = await Tool.RunAsync("up", "--dir", migrations.Path, "--connection", connection, "--timeout", "1");

        Assert.That(result.ExitCode, Is.EqualTo(5), result.ToString());
    }

    [TestCase("sqlite:{0}")]
    [TestCase("sqlite://{0}")]
    [TestCase("Data Source={0};Cache=Shared")]
    public async Task SQLite_connections_reach_the_sqlite_provider(string form)
    {
        using var migrations = Migrations.Basic();

        // A file in a folder that does not exist: exit 5 naming SQLite means the SQLite provider tried to open it.
        var result = await Tool.RunAsync("up", "--dir", migrations.Path, "--connection", string.Format(System.Globalization.CultureInfo.InvariantCulture, form, "/nonexistent-folder/app.db"));

        Assert.That(result.ExitCode, Is.EqualTo(5), result.ToString());
        Assert.That(result.Error, Does.Contain("MT3005").And.Contain("SQLite refused /nonexistent-folder/app.db"));
    }
}
