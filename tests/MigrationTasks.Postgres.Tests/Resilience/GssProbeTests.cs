using MigrationTasks.Postgres.Connections;
using MigrationTasks.Postgres.Resilience;
using Npgsql;

namespace MigrationTasks.Postgres.Tests.Resilience;

/// <summary>
/// The runner does not probe for GSS encryption unless asked: the probe loads the Kerberos libraries on
/// every connect, and the Native AOT runner aborted (exit 134) in their destructors when it exited during one.
/// </summary>
public sealed class GssProbeTests
{
    [Test]
    public void A_connection_that_does_not_ask_for_gss_encryption_is_opened_without_the_probe()
    {
        var settings = ConnectionStringParser.Parse("postgresql://migrator@127.0.0.1:5432/app");

        using var dataSource = DatabaseConnector.CreateDataSource(settings, TimeSpan.FromSeconds(30), null);

        Assert.That(new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).GssEncryptionMode, Is.EqualTo(GssEncryptionMode.Disable));
    }

    [TestCase("postgresql://migrator@127.0.0.1:5432/app?gssencmode=require", GssEncryptionMode.Require)]
    [TestCase("postgresql://migrator@127.0.0.1:5432/app?gssencmode=prefer", GssEncryptionMode.Prefer)]
    [TestCase("host=127.0.0.1 user=migrator dbname=app gssencmode=require", GssEncryptionMode.Require)]
    [TestCase("Host=127.0.0.1;Username=migrator;Database=app;GSS Encryption Mode=Prefer", GssEncryptionMode.Prefer)]
    public void A_connection_that_asks_for_gss_encryption_keeps_it(string connection, GssEncryptionMode expected)
    {
        var settings = ConnectionStringParser.Parse(connection);

        using var dataSource = DatabaseConnector.CreateDataSource(settings, TimeSpan.FromSeconds(30), null);

        Assert.That(new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).GssEncryptionMode, Is.EqualTo(expected));
    }

    [Test]
    public void An_unknown_gssencmode_is_refused_naming_the_valid_ones() =>
        Assert.That(() => ConnectionStringParser.Parse("postgresql://db/d?gssencmode=sometimes"),
            Throws.TypeOf<ConnectionStringException>().With.Message.Contains("disable, prefer, require"));
}
