using MigrationTasks.Postgres.Connections;

namespace MigrationTasks.Postgres.Tests.Connections;

/// <summary>libpq's keyword/value form (psql "host=db user=app"), read the way libpq reads it.</summary>
public class ConnectionStringParserLibpqKeyValueTests
{
    [Test]
    public void Pairs_separated_by_spaces_are_separate_settings()
    {
        var settings = ConnectionStringParser.Parse("host=127.0.0.1 port=6543 user=u password=secret dbname=d");

        Assert.That(settings.Host, Is.EqualTo("127.0.0.1"));
        Assert.That(settings.Port, Is.EqualTo(6543));
        Assert.That(settings.Username, Is.EqualTo("u"));
        Assert.That(settings.Password, Is.EqualTo("secret"));
        Assert.That(settings.Database, Is.EqualTo("d"));
    }

    [Test]
    public void Spaces_around_the_equals_sign_and_between_pairs_are_allowed()
    {
        var settings = ConnectionStringParser.Parse("  host = db\t user= u\npassword =secret  ");

        Assert.That(settings.Host, Is.EqualTo("db"));
        Assert.That(settings.Username, Is.EqualTo("u"));
        Assert.That(settings.Password, Is.EqualTo("secret"));
    }

    [TestCase(@"host=db password='a b\'c\\d'", @"a b'c\d")]
    [TestCase(@"host=db password=a\ b\'c", "a b'c")]
    [TestCase("host=db password=''", "")]
    [TestCase("host=db password='a;b=c dbname=x'", "a;b=c dbname=x")]
    [TestCase("host=db password=a;b", "a;b")]
    [TestCase("host='db'password='x'", "x")]
    [TestCase("host=db password=first password=second", "second")]
    [TestCase("host=db password=pâss\u00a0wörd", "pâss\u00a0wörd")]
    [TestCase("host=db password= dbname=x", "dbname=x")]
    public void Quotes_backslashes_and_repeats_follow_libpq(string connection, string password)
    {
        var settings = ConnectionStringParser.Parse(connection);

        Assert.That(settings.Password, Is.EqualTo(password));
        Assert.That(settings.Host, Is.EqualTo("db"));
    }

    [Test]
    public void Host_and_port_lists_pair_up_by_position()
    {
        var settings = ConnectionStringParser.Parse("host=h1,h2 port=5432,5433 user=u sslmode=require");

        Assert.That(settings.Host, Is.EqualTo("h1:5432,h2:5433"));
        Assert.That(settings.SslMode, Is.EqualTo(Npgsql.SslMode.Require));
    }

    [Test]
    public void Sslpassword_and_passfile_are_mapped()
    {
        var settings = ConnectionStringParser.Parse("host=db sslpassword=k passfile=/tmp/pgpass");

        Assert.That(settings.SslPassword, Is.EqualTo("k"));
        Assert.That(settings.Passfile, Is.EqualTo("/tmp/pgpass"));
    }

    [TestCase("host=db colour=blue", "unknown keyword 'colour'")]
    [TestCase("host=db hostaddr=10.0.0.1", "unsupported keyword 'hostaddr'")]
    public void A_keyword_libpq_or_we_do_not_support_is_named(string connection, string expected)
    {
        var e = Assert.Throws<ConnectionStringException>(() => ConnectionStringParser.Parse(connection));

        Assert.That(e.Message, Does.Contain(expected));
    }

    [TestCase("Host=db; Username=u; Password=p")]
    [TestCase("host=db; username=u; password=p")]
    [TestCase("host=db;user id=u;password=a b=c")]
    public void Npgsql_strings_with_spaces_still_read_as_npgsql(string connection)
    {
        var settings = ConnectionStringParser.Parse(connection);

        Assert.That(settings.Host, Is.EqualTo("db"));
        Assert.That(settings.Password, Does.StartWith(connection.EndsWith("a b=c", StringComparison.Ordinal) ? "a b=c" : "p"));
    }

    [TestCase("Host=db Username=u Password=s3cret")]
    [TestCase("host=db;user=u password=s3cret")]
    [TestCase("host=db password=s3cret;x=1")]
    [TestCase("host=db password='s3cret")]
    public void Forms_run_together_are_refused_without_echoing_the_password(string connection)
    {
        var e = Assert.Throws<ConnectionStringException>(() => ConnectionStringParser.Parse(connection));

        Assert.That(e.Message, Does.Not.Contain("s3cret"));
    }
}
