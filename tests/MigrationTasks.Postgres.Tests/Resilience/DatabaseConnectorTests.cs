using System.Net;
using System.Net.Sockets;
using MigrationTasks.Postgres.Connections;
using MigrationTasks.Postgres.Resilience;
using MigrationTasks.Testing;
using Npgsql;

namespace MigrationTasks.Postgres.Tests.Resilience;

public class DatabaseConnectorTests
{
    private const string Sentinel = "S3ntinel-Pa55";

    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [Test]
    public void Closed_port_is_retried_until_the_deadline_then_reported_unreachable()
    {
        var settings = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = ClosedPort(),
            Username = "migrator",
            Password = Sentinel,
            Database = "app",
            Timeout = 1,
        };
        var policy = new RetryPolicy(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200));
        var retries = new List<RetryAttempt>();

        var thrown = Assert.ThrowsAsync<RetriesExhaustedException>(() =>
            DatabaseConnector.OpenAsync(settings, policy, retries.Add, "MIGRATION_DATABASE_URL", CancellationToken.None));

        Assert.That(thrown.Attempts, Is.GreaterThan(1));
        Assert.That(retries, Has.Count.EqualTo(thrown.Attempts - 1));
        Assert.That(thrown.InnerException, Is.InstanceOf<NpgsqlException>());
        Assert.That(thrown.Message, Does.Contain($"127.0.0.1:{settings.Port}"));
        Assert.That(thrown.Message, Does.Contain("MIGRATION_DATABASE_URL"));
        Assert.That(thrown.ToString(), Does.Not.Contain(Sentinel));
    }

    [Test]
    public void Settings_without_host_are_refused_before_connecting()
    {
        var settings = new NpgsqlConnectionStringBuilder { Username = "migrator" };
        var policy = new RetryPolicy(TimeSpan.FromSeconds(1));

        var thrown = Assert.ThrowsAsync<ConnectionStringException>(() => DatabaseConnector.OpenAsync(settings, policy, null, CancellationToken.None));

        Assert.That(thrown.Message, Does.Contain("no host"));
    }

    [TestCase("28P01", "password authentication failed for user \"migrator\"", "check the credentials in MIGRATION_DATABASE_URL")]
    [TestCase("3D000", "database \"app\" does not exist", "create it first, or fix the database name in MIGRATION_DATABASE_URL")]
    [TestCase("28000", "no pg_hba.conf entry for host", "pg_hba.conf")]
    [TestCase("42501", "permission denied for database \"app\"", "grant the user CONNECT")]
    [TestCase("XX000", "something odd", "XX000: something odd")]
    public void Server_refusal_says_what_happened_and_what_to_do(string sqlState, string serverText, string advice)
    {
        var settings = new NpgsqlConnectionStringBuilder { Host = "db", Username = "migrator", Password = Sentinel, Database = "app" };

        var error = ConnectErrors.FromServer(new PostgresException(serverText, "FATAL", "FATAL", sqlState), settings, "MIGRATION_DATABASE_URL");

        Assert.That(error.Message, Does.Contain(serverText));
        Assert.That(error.Message, Does.Contain(advice));
        Assert.That(error.Message, Does.Contain("db:5432"));
        Assert.That(error.SqlState, Is.EqualTo(sqlState));
        Assert.That(error.ToString(), Does.Not.Contain(Sentinel));
    }

    [Test]
    public async Task A_database_that_does_not_exist_is_named_once()
    {
        await using var database = await TestDatabase.CreateAsync();
        var settings = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Database = "nodb" };

        var thrown = Assert.ThrowsAsync<DatabaseConnectException>(() =>
            DatabaseConnector.OpenAsync(settings, new RetryPolicy(TimeSpan.FromSeconds(5)), null, "MIGRATION_DATABASE_URL", CancellationToken.None));

        Assert.That(thrown.SqlState, Is.EqualTo("3D000"));
        Assert.That(thrown.Message.Split("\"nodb\"").Length - 1, Is.EqualTo(1), thrown.Message);
        Assert.That(thrown.Message, Does.Contain($"{settings.Host}:{settings.Port}: create it first"));
    }
}
