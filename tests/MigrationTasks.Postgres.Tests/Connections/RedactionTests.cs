using MigrationTasks.Postgres.Connections;
using Npgsql;

namespace MigrationTasks.Postgres.Tests.Connections;

public class RedactionTests
{
    private const string Sentinel = "S3ntinel-Pa55";

    // Bad inputs that carry the sentinel password in every place a user may put one, including
    // unencoded special characters that push pieces of it into other parts of the URI.
    private static readonly string[] BadInputsWithPassword =
    [
        $"mysql://user:{Sentinel}@db/app",
        $"postgresql://user:{Sentinel}@db:abc/app",
        $"postgresql://user:{Sentinel}@db:99999/app",
        $"postgresql://user:{Sentinel}%zz@db/app",
        $"postgresql://user:{Sentinel}@db/app?pool=1",
        $"postgresql://user:{Sentinel}@db/app?sslmode=bogus",
        $"postgresql://user:{Sentinel}@db/app?sslmode",
        $"postgresql://user:{Sentinel}@[::1/app",
        $"postgresql://user:{Sentinel}@/app",
        $"postgresql://user:S3nt@inel-Pa55@db/app",
        $"postgresql://user:S3nt/inel-Pa55@db/app",
        $"postgresql://user:S3ntinel-Pa55/app",
        $"postgresql://user:S3nt:inel-Pa55@db:x/app",
        $"postgresql://db/app?password={Sentinel}&pool=1",
        $"postgresql://db/app?password=S3nt&inel-Pa55",
        $"postgresql://db/app?password=S3nt&inel-Pa55=1",
        $"postgresql://db/app?password=S3nt&sslmode=inel-Pa55",
        $"postgresql://db/app?password={Sentinel}%",
        $"postgresql://db/app?password={Sentinel}&port=0",
        $"Host=db;Password={Sentinel};Databse=app",
        $"Host=db;Password={Sentinel};Port=abc",
        $"Host=db;Password=S3nt;inel-Pa55=x",
        $"Host=db;Password=S3nt;Port=inel-Pa55",
        $"Password={Sentinel}",
        $"Host=db;Password={Sentinel};garbage",
        $"db:5432 user {Sentinel}",
        $"Host=db;Password={Sentinel};SslMode=bogus",
        $"postgresql://db/app?pass%77ord={Sentinel}&colour=blue",
        $"postgresql://db:abc/app?pass%77ord={Sentinel}",
        $"postgresql://db/app?%70assword={Sentinel}&sslmode=bogus",
        $"host=db user=u password={Sentinel} colour=blue",
        $"host=db user=u password=S3nt inel-Pa55=x",
        $"host=db password={Sentinel} sslmode=bogus",
        $"host=db password={Sentinel} port=abc",
        $"host=db password='{Sentinel}",
        $"host=db password={Sentinel} dbname",
        $"Host=db User=u Password={Sentinel} Database=d",
        $"host=db;user=u password={Sentinel}",
        $"host=127.0.0.1 user=u password={Sentinel};dbname=d",
        $"Host=db;Options=-c password={Sentinel}",
    ];

    [TestCaseSource(nameof(BadInputsWithPassword))]
    public void Errors_for_bad_input_never_contain_the_password(string input)
    {
        var e = Assert.Throws<ConnectionStringException>(() => ConnectionStringParser.Parse(input));

        Assert.That(e.Message, Does.Not.Contain("S3nt").And.Not.Contain("inel-Pa55"));
        Assert.That(e.ToString(), Does.Not.Contain("S3nt").And.Not.Contain("inel-Pa55"));
    }

    [TestCaseSource(nameof(BadInputsWithPassword))]
    public void Redacted_bad_input_never_contains_the_password(string input)
    {
        var shown = ConnectionStringParser.Redact(input);

        Assert.That(shown, Does.Not.Contain("S3nt").And.Not.Contain("inel-Pa55"));
    }

    [Test]
    public void Uri_password_is_masked_and_everything_else_kept()
    {
        var shown = ConnectionStringParser.Redact($"postgresql://alice:{Sentinel}@db.example.com:5432/orders?sslmode=require");

        Assert.That(shown, Is.EqualTo("postgresql://alice:***@db.example.com:5432/orders?sslmode=require"));
    }

    [Test]
    public void Uri_without_password_is_shown_unchanged()
    {
        var shown = ConnectionStringParser.Redact("postgresql://alice@db.example.com/orders");

        Assert.That(shown, Is.EqualTo("postgresql://alice@db.example.com/orders"));
    }

    [Test]
    public void Password_query_parameter_is_masked()
    {
        var shown = ConnectionStringParser.Redact($"postgresql://db/orders?password={Sentinel}");

        Assert.That(shown, Is.EqualTo("postgresql://db/orders?password=***"));
    }

    [Test]
    public void Key_value_password_is_masked()
    {
        var shown = ConnectionStringParser.Redact($"Host=db;Username=alice;Password={Sentinel}");

        Assert.That(shown, Does.Contain("Password=***"));
        Assert.That(shown, Does.Contain("Host=db"));
        Assert.That(shown, Does.Not.Contain(Sentinel));
    }

    [Test]
    public void Key_value_password_alias_is_masked()
    {
        var shown = ConnectionStringParser.Redact($"Host=db;PWD={Sentinel}");

        Assert.That(shown, Does.Not.Contain(Sentinel));
    }

    [Test]
    public void Unparseable_key_value_text_is_replaced_entirely()
    {
        var shown = ConnectionStringParser.Redact($"Host=db;Password={Sentinel};garbage");

        Assert.That(shown, Is.EqualTo("<unparseable connection string>"));
    }

    [Test]
    public void Parsed_settings_are_redacted_for_display()
    {
        var settings = ConnectionStringParser.Parse($"postgresql://alice:{Sentinel}@db/orders");

        var shown = ConnectionStringParser.Redact(settings);

        Assert.That(shown, Does.Contain("Password=***"));
        Assert.That(shown, Does.Not.Contain(Sentinel));
        Assert.That(settings.Password, Is.EqualTo(Sentinel), "redacting must not change the settings");
    }

    [TestCase("postgresql://db/orders?pass%77ord=S3ntinel-Pa55")]
    [TestCase("postgresql://db/orders?sslmode=require&PASSWORD=S3ntinel-Pa55")]
    [TestCase("postgresql://db/orders?ssl%50assword=S3ntinel-Pa55&sslmode=require")]
    public void Password_query_parameter_is_masked_whatever_its_spelling(string uri)
    {
        var shown = ConnectionStringParser.Redact(uri);

        Assert.That(shown, Does.Not.Contain("S3nt").And.Contain("***"));
        Assert.That(ConnectionStringParser.Redact(ConnectionStringParser.Parse(uri)), Does.Not.Contain("S3nt"));
    }

    [TestCase("host=127.0.0.1 user=u password=S3ntinel-Pa55 dbname=d")]
    [TestCase(@"host=127.0.0.1 user=u password='S3nt inel\'Pa55' dbname=d")]
    [TestCase("host=127.0.0.1 user=u sslpassword=S3ntinel-Pa55 dbname=d")]
    [TestCase("host=127.0.0.1 options='-c password=S3ntinel-Pa55' dbname=d")]
    public void Libpq_key_value_password_is_masked_and_the_rest_kept(string connection)
    {
        var shown = ConnectionStringParser.Redact(connection);

        Assert.That(shown, Does.Not.Contain("S3nt").And.Not.Contain("Pa55"));
        Assert.That(shown, Does.Contain("Host=127.0.0.1").And.Contain("***"));
    }
}
