using MigrationTasks.Postgres.Connections;
using Npgsql;

namespace MigrationTasks.Postgres.Tests.Connections;

public class ConnectionStringParserUriTests
{
    [TestCase("postgresql://alice:secret@db.example.com:6543/orders")]
    [TestCase("postgres://alice:secret@db.example.com:6543/orders")]
    [TestCase("POSTGRESQL://alice:secret@db.example.com:6543/orders")]
    public void Full_uri_maps_user_password_host_port_and_database(string uri)
    {
        var settings = ConnectionStringParser.Parse(uri);

        Assert.That(settings.Username, Is.EqualTo("alice"));
        Assert.That(settings.Password, Is.EqualTo("secret"));
        Assert.That(settings.Host, Is.EqualTo("db.example.com"));
        Assert.That(settings.Port, Is.EqualTo(6543));
        Assert.That(settings.Database, Is.EqualTo("orders"));
    }

    [Test]
    public void Percent_encoded_parts_are_decoded()
    {
        var settings = ConnectionStringParser.Parse("postgresql://us%40er:p%40ss%3Aw%2Fo%25rd@db/my%20db?application_name=mig%26rate");

        Assert.That(settings.Username, Is.EqualTo("us@er"));
        Assert.That(settings.Password, Is.EqualTo("p@ss:w/o%rd"));
        Assert.That(settings.Database, Is.EqualTo("my db"));
        Assert.That(settings.ApplicationName, Is.EqualTo("mig&rate"));
    }

    [Test]
    public void Percent_encoded_utf8_is_decoded()
    {
        var settings = ConnectionStringParser.Parse("postgresql://j%C3%BCrgen@db/caf%C3%A9");

        Assert.That(settings.Username, Is.EqualTo("jürgen"));
        Assert.That(settings.Database, Is.EqualTo("café"));
    }

    [Test]
    public void Plus_sign_is_kept_literally_as_libpq_does()
    {
        var settings = ConnectionStringParser.Parse("postgresql://u:a+b@db/d");

        Assert.That(settings.Password, Is.EqualTo("a+b"));
    }

    [Test]
    public void Host_alone_leaves_user_password_port_and_database_to_defaults()
    {
        var settings = ConnectionStringParser.Parse("postgresql://localhost");

        Assert.That(settings.Host, Is.EqualTo("localhost"));
        Assert.That(settings.Username, Is.Null);
        Assert.That(settings.Password, Is.Null);
        Assert.That(settings.Port, Is.EqualTo(5432));
        Assert.That(settings.Database, Is.Null);
    }

    [Test]
    public void User_without_password_sets_no_password()
    {
        var settings = ConnectionStringParser.Parse("postgresql://alice@localhost/db");

        Assert.That(settings.Username, Is.EqualTo("alice"));
        Assert.That(settings.Password, Is.Null);
    }

    [Test]
    public void Empty_password_after_colon_is_an_empty_password()
    {
        var settings = ConnectionStringParser.Parse("postgresql://alice:@localhost/db");

        Assert.That(settings.Password, Is.EqualTo(""));
    }

    [Test]
    public void Trailing_slash_without_database_sets_no_database()
    {
        var settings = ConnectionStringParser.Parse("postgresql://localhost/");

        Assert.That(settings.Database, Is.Null);
    }

    [Test]
    public void Several_hosts_become_an_npgsql_host_list_with_per_host_ports()
    {
        var settings = ConnectionStringParser.Parse("postgresql://u@host1:5432,host2:5433/db");

        Assert.That(settings.Host, Is.EqualTo("host1:5432,host2:5433"));
        Assert.That(settings.Database, Is.EqualTo("db"));
    }

    [Test]
    public void Several_hosts_without_ports_use_the_default_port()
    {
        var settings = ConnectionStringParser.Parse("postgresql://host1,host2/db");

        Assert.That(settings.Host, Is.EqualTo("host1,host2"));
        Assert.That(settings.Port, Is.EqualTo(5432));
    }

    [Test]
    public void Ipv6_host_in_brackets_is_unbracketed_with_its_port()
    {
        var settings = ConnectionStringParser.Parse("postgresql://u@[::1]:5433/db");

        Assert.That(settings.Host, Is.EqualTo("::1"));
        Assert.That(settings.Port, Is.EqualTo(5433));
    }

    [Test]
    public void Ipv6_host_in_a_host_list_keeps_its_brackets_for_npgsql()
    {
        var settings = ConnectionStringParser.Parse("postgresql://[2001:db8::1]:5432,host2/db");

        Assert.That(settings.Host, Is.EqualTo("[2001:db8::1]:5432,host2"));
    }

    [Test]
    public void Percent_encoded_socket_directory_becomes_a_unix_socket_host()
    {
        var settings = ConnectionStringParser.Parse("postgresql://%2Fvar%2Frun%2Fpostgresql/db");

        Assert.That(settings.Host, Is.EqualTo("/var/run/postgresql"));
        Assert.That(settings.Database, Is.EqualTo("db"));
    }

    [Test]
    public void Host_parameter_gives_a_unix_socket_when_the_authority_is_empty()
    {
        var settings = ConnectionStringParser.Parse("postgresql:///db?host=/var/run/postgresql");

        Assert.That(settings.Host, Is.EqualTo("/var/run/postgresql"));
        Assert.That(settings.Database, Is.EqualTo("db"));
    }

    [Test]
    public void Query_parameters_override_the_authority_whatever_their_order()
    {
        var settings = ConnectionStringParser.Parse("postgresql://a:pw@h1:1111/d1?port=2222&host=h2&user=b&password=pw2&dbname=d2");

        Assert.That(settings.Host, Is.EqualTo("h2"));
        Assert.That(settings.Port, Is.EqualTo(2222));
        Assert.That(settings.Username, Is.EqualTo("b"));
        Assert.That(settings.Password, Is.EqualTo("pw2"));
        Assert.That(settings.Database, Is.EqualTo("d2"));
    }

    [Test]
    public void Port_parameter_with_one_port_per_host_sets_each_host_port()
    {
        var settings = ConnectionStringParser.Parse("postgresql:///db?host=h1,h2&port=5432,5433");

        Assert.That(settings.Host, Is.EqualTo("h1:5432,h2:5433"));
    }

    [Test]
    public void Port_parameter_with_a_single_port_applies_to_every_host()
    {
        var settings = ConnectionStringParser.Parse("postgresql://h1:1,h2:2/db?port=6000");

        Assert.That(settings.Host, Is.EqualTo("h1,h2"));
        Assert.That(settings.Port, Is.EqualTo(6000));
    }

    [TestCase("disable", SslMode.Disable)]
    [TestCase("allow", SslMode.Allow)]
    [TestCase("prefer", SslMode.Prefer)]
    [TestCase("require", SslMode.Require)]
    [TestCase("verify-ca", SslMode.VerifyCA)]
    [TestCase("verify-full", SslMode.VerifyFull)]
    public void Sslmode_maps_to_the_npgsql_ssl_mode(string value, SslMode expected)
    {
        var settings = ConnectionStringParser.Parse($"postgresql://db/d?sslmode={value}");

        Assert.That(settings.SslMode, Is.EqualTo(expected));
    }

    [Test]
    public void Other_supported_parameters_map_to_npgsql_settings()
    {
        var settings = ConnectionStringParser.Parse(
            "postgresql://db/d?application_name=migrations&connect_timeout=7&options=-c%20search_path%3Dapp"
            + "&target_session_attrs=read-write&sslrootcert=%2Fcerts%2Froot.crt&sslcert=/certs/client.crt&sslkey=/certs/client.key");

        Assert.That(settings.ApplicationName, Is.EqualTo("migrations"));
        Assert.That(settings.Timeout, Is.EqualTo(7));
        Assert.That(settings.Options, Is.EqualTo("-c search_path=app"));
        Assert.That(settings.TargetSessionAttributes, Is.EqualTo("read-write"));
        Assert.That(settings.RootCertificate, Is.EqualTo("/certs/root.crt"));
        Assert.That(settings.SslCertificate, Is.EqualTo("/certs/client.crt"));
        Assert.That(settings.SslKey, Is.EqualTo("/certs/client.key"));
    }

    [Test]
    public void Surrounding_whitespace_is_ignored()
    {
        var settings = ConnectionStringParser.Parse("  postgresql://db/d \n");

        Assert.That(settings.Host, Is.EqualTo("db"));
        Assert.That(settings.Database, Is.EqualTo("d"));
    }
}
