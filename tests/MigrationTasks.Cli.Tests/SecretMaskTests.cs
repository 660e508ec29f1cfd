using MigrationTasks.Cli.GitHub;

namespace MigrationTasks.Cli.Tests;

/// <summary>What a GitHub step masks for a connection setting, including settings that do not parse.</summary>
public sealed class SecretMaskTests
{
    [TestCase("postgresql://app:p%40ss%20word@db:5432/app", "p@ss word", "p%40ss%20word")]
    [TestCase("postgresql://app:p%40ss@db/app?colour=blue", "p@ss", "p%40ss")]
    [TestCase("postgresql://app@db/app?sslmode=require&password=s%26cret", "s&cret", "s%26cret")]
    [TestCase("postgresql://app@db/app?colour=blue&password=s%26cret", "s&cret", "s%26cret")]
    [TestCase("Host=db;Username=app;Password=se cret", "se cret", "se%20cret")]
    [TestCase("Host=db;Username=app;Password=se cret;Colour=blue", "se cret", "se%20cret")]
    [TestCase("host=db user=app password=se/cret dbname=app", "se/cret", "se%2Fcret")]
    [TestCase(@"host=db user=app password='se c\'ret' dbname=app", "se c'ret", "se%20c%27ret")]
    [TestCase(@"host=db password='se cret' colour=blue", "se cret", "se%20cret")]
    [TestCase("postgresql://app@db/app?pass%77ord=s%26cret", "s&cret", "s%26cret")]
    [TestCase("postgresql://app@db/app?colour=blue&PASSWORD=s%26cret", "s&cret", "s%26cret")]
    public void The_connection_and_its_password_plain_and_percent_encoded_are_masked(string connection, string plain, string encoded)
    {
        var masks = SecretMasks.For(connection).ToList();

        Assert.That(masks, Does.Contain(connection).And.Contain(plain).And.Contain(encoded));
    }

    [Test]
    public void A_connection_without_a_password_masks_only_itself()
    {
        Assert.That(SecretMasks.For("Host=db;Username=app").Distinct(), Is.EqualTo(new[] { "Host=db;Username=app" }));
    }

    [Test]
    public void No_connection_masks_nothing()
    {
        Assert.That(SecretMasks.For(null), Is.Empty);
    }
}
