using MigrationTasks.Postgres.Connections;

namespace MigrationTasks.Postgres.Tests.Connections;

public class ConnectionStringParserErrorTests
{
    [TestCase("")]
    [TestCase("   ")]
    public void Empty_value_is_an_error_with_examples(string value)
    {
        var e = Assert.Throws<ConnectionStringException>(() => ConnectionStringParser.Parse(value));

        Assert.That(e.Message, Does.Contain("empty"));
        Assert.That(e.Message, Does.Contain("postgresql://"));
    }

    [TestCase("mysql://root:pw@db/app", "mysql")]
    [TestCase("http://db/app", "http")]
    public void Other_scheme_is_an_error_naming_it(string uri, string scheme)
    {
        var e = Assert.Throws<ConnectionStringException>(() => ConnectionStringParser.Parse(uri));

        Assert.That(e.Message, Does.Contain($"'{scheme}://'"));
        Assert.That(e.Message, Does.Contain("postgresql://"));
    }

    [TestCase("postgresql://db:abc/app")]
    [TestCase("postgresql://db:0/app")]
    [TestCase("postgresql://db:65536/app")]
    [TestCase("postgresql://db:-1/app")]
    [TestCase("postgresql://db/app?port=x")]
    public void Bad_port_is_an_error(string uri)
    {
        var e = Assert.Throws<ConnectionStringException>(() => ConnectionStringParser.Parse(uri));

        Assert.That(e.Message, Does.Contain("port"));
        Assert.That(e.Message, Does.Contain("1 to 65535"));
    }

    [TestCase("postgresql://u:p%zz@db/app", "password")]
    [TestCase("postgresql://u%4@db/app", "user name")]
    [TestCase("postgresql://d%2/app", "host")]
    [TestCase("postgresql://db/a%g1", "database name")]
    [TestCase("postgresql://db/app?application_name=%", "application_name")]
    [TestCase("postgresql://db/app?x%zz=1", "parameter name")]
    [TestCase("postgresql://u:%FF@db/app", "password")]
    // %00 decodes to a NUL, which libpq forbids and Npgsql's builder throws on (an internal error before).
    [TestCase("postgresql://u:p%00w@db/app", "password")]
    [TestCase("postgresql://u%00@db/app", "user name")]
    [TestCase("postgresql://db/a%00", "database name")]
    [TestCase("postgresql://db/app?application_name=a%00b", "application_name")]
    [TestCase("postgresql://db/app?sslpassword=a%00b", "password")]
    [TestCase("postgresql:///app?host=%2Ftmp%00", "host")]
    public void Malformed_percent_encoding_is_an_error_naming_the_part(string uri, string part)
    {
        var e = Assert.Throws<ConnectionStringException>(() => ConnectionStringParser.Parse(uri));

        Assert.That(e.Message, Does.Contain("malformed percent-encoding"));
        Assert.That(e.Message, Does.Contain(part));
    }

    [Test]
    public void Unsupported_parameter_is_named_and_the_supported_ones_listed()
    {
        var e = Assert.Throws<ConnectionStringException>(() => ConnectionStringParser.Parse("postgresql://db/app?pool_size=5"));

        Assert.That(e.Message, Does.Contain("'pool_size'"));
        Assert.That(e.Message, Does.Contain("sslmode"));
        Assert.That(e.Message, Does.Contain("target_session_attrs"));
    }

    [Test]
    public void Parameter_without_value_is_an_error()
    {
        var e = Assert.Throws<ConnectionStringException>(() => ConnectionStringParser.Parse("postgresql://db/app?sslmode"));

        Assert.That(e.Message, Does.Contain("'sslmode' without a value"));
    }

    [TestCase("sslmode=sometimes", "sslmode")]
    [TestCase("connect_timeout=soon", "connect_timeout")]
    [TestCase("connect_timeout=5000", "connect_timeout")]
    [TestCase("target_session_attrs=whatever", "target_session_attrs")]
    public void Bad_parameter_value_is_an_error_naming_the_parameter(string query, string name)
    {
        var e = Assert.Throws<ConnectionStringException>(() => ConnectionStringParser.Parse($"postgresql://db/app?{query}"));

        Assert.That(e.Message, Does.Contain(name));
    }

    [TestCase("postgresql://[::1/app")]
    [TestCase("postgresql://[::1]x/app")]
    public void Broken_ipv6_host_is_an_error(string uri)
    {
        var e = Assert.Throws<ConnectionStringException>(() => ConnectionStringParser.Parse(uri));

        Assert.That(e.Message, Does.Contain("IPv6"));
    }

    [Test]
    public void Empty_entry_in_host_list_is_an_error()
    {
        var e = Assert.Throws<ConnectionStringException>(() => ConnectionStringParser.Parse("postgresql://h1,,h2/app"));

        Assert.That(e.Message, Does.Contain("empty host"));
    }

    [Test]
    public void Uri_without_any_host_is_an_error()
    {
        var e = Assert.Throws<ConnectionStringException>(() => ConnectionStringParser.Parse("postgresql:///app"));

        Assert.That(e.Message, Does.Contain("names no host"));
    }

    [Test]
    public void Port_list_not_matching_host_count_is_an_error()
    {
        var e = Assert.Throws<ConnectionStringException>(() => ConnectionStringParser.Parse("postgresql://h1,h2,h3/app?port=1,2"));

        Assert.That(e.Message, Does.Contain("2 ports for 3 hosts"));
    }

    [Test]
    public void Password_with_unencoded_at_sign_is_an_error_suggesting_percent_encoding()
    {
        var e = Assert.Throws<ConnectionStringException>(() => ConnectionStringParser.Parse("postgresql://u:p@ss@db/app"));

        Assert.That(e.Message, Does.Contain("%40"));
    }
}
