using MigrationTasks.Postgres.Connections;

namespace MigrationTasks.Postgres.Tests.Connections;

public class ConnectionStringParserKeyValueTests
{
    [Test]
    public void Npgsql_key_value_string_is_accepted()
    {
        var settings = ConnectionStringParser.Parse("Host=db;Port=6543;Username=alice;Password=secret;Database=orders");

        Assert.That(settings.Host, Is.EqualTo("db"));
        Assert.That(settings.Port, Is.EqualTo(6543));
        Assert.That(settings.Username, Is.EqualTo("alice"));
        Assert.That(settings.Password, Is.EqualTo("secret"));
        Assert.That(settings.Database, Is.EqualTo("orders"));
    }

    [Test]
    public void Npgsql_keyword_aliases_are_accepted()
    {
        var settings = ConnectionStringParser.Parse("Server=db;User ID=alice;PWD=secret");

        Assert.That(settings.Host, Is.EqualTo("db"));
        Assert.That(settings.Username, Is.EqualTo("alice"));
        Assert.That(settings.Password, Is.EqualTo("secret"));
    }

    [Test]
    public void Quoted_password_may_contain_semicolons()
    {
        var settings = ConnectionStringParser.Parse("Host=db;Password='a;b=c'");

        Assert.That(settings.Password, Is.EqualTo("a;b=c"));
    }

    [Test]
    public void Unknown_keyword_is_named_in_the_error()
    {
        var e = Assert.Throws<ConnectionStringException>(() => ConnectionStringParser.Parse("Host=db;Databse=orders"));

        Assert.That(e.Message, Does.Contain("unknown keyword 'databse'").IgnoreCase);
    }

    [Test]
    public void Invalid_value_names_the_keyword()
    {
        var e = Assert.Throws<ConnectionStringException>(() => ConnectionStringParser.Parse("Host=db;Port=abc"));

        Assert.That(e.Message, Does.Contain("'port'").IgnoreCase);
        Assert.That(e.Message, Does.Contain("abc"));
    }

    [Test]
    public void Missing_host_is_an_error_saying_how_to_add_one()
    {
        var e = Assert.Throws<ConnectionStringException>(() => ConnectionStringParser.Parse("Username=alice;Database=orders"));

        Assert.That(e.Message, Does.Contain("names no host"));
    }

    [TestCase(";")]
    [TestCase("Host=")]
    public void A_string_that_shows_as_nothing_is_quoted_in_the_missing_host_error(string connection)
    {
        var e = Assert.Throws<ConnectionStringException>(() => ConnectionStringParser.Parse(connection));

        // Not "The connection string  names no host": the quotes show what was given, even when it redacts to nothing.
        Assert.That(e.Message, Does.StartWith("The connection string '").And.Contain("' names no host").And.Not.Contain("  "));
    }

    [Test]
    public void Text_that_is_neither_syntax_is_an_error_showing_both()
    {
        var e = Assert.Throws<ConnectionStringException>(() => ConnectionStringParser.Parse("db.example.com:5432/orders"));

        Assert.That(e.Message, Does.Contain("postgresql://"));
        Assert.That(e.Message, Does.Contain("Host="));
    }
}
