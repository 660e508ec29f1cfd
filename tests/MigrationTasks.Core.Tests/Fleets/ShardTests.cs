using System.Globalization;
using MigrationTasks.Fleets;

namespace MigrationTasks.Core.Tests.Fleets;

public sealed class ShardTests
{
    private static readonly List<string> Keys = Enumerable.Range(0, 1000).Select(i => string.Create(CultureInfo.InvariantCulture, $"tenant_{i:D4}")).ToList();

    [TestCase(1)]
    [TestCase(3)]
    [TestCase(8)]
    public void Shards_zero_to_n_minus_one_cover_every_tenant_exactly_once(int count)
    {
        var shards = Enumerable.Range(0, count).Select(i => new Shard(i, count)).ToList();

        var owners = Keys.Select(key => shards.Count(s => s.Contains(key))).ToList();

        Assert.That(owners, Is.All.EqualTo(1));
    }

    [Test]
    public void Every_shard_gets_a_fair_part_of_a_large_fleet()
    {
        var sizes = Enumerable.Range(0, 4).Select(i => Keys.Count(new Shard(i, 4).Contains)).ToList();

        Assert.That(sizes, Is.All.InRange(200, 300));
    }

    [Test]
    public void Adding_a_tenant_moves_no_other_tenant()
    {
        var before = Keys.ToDictionary(k => k, k => Shard.IndexOf(k, 5));

        var after = Keys.Append("tenant_new").ToDictionary(k => k, k => Shard.IndexOf(k, 5));

        Assert.That(Keys.Where(k => before[k] != after[k]), Is.Empty);
        Assert.That(after["tenant_new"], Is.InRange(0, 4));
    }

    [Test]
    public void The_shard_of_a_key_is_the_same_in_every_process()
    {
        // Fixed values (SHA-256 of the key, first 8 bytes big-endian, mod 7): a hash that changed between
        // processes or versions would move tenants between machines.
        Assert.That(new[] { "acme", "globex", "initech" }.Select(k => Shard.IndexOf(k, 7)), Is.EqualTo(new[] { 2, 2, 1 }));
    }

    [TestCase("0/4", 0, 4)]
    [TestCase("3/4", 3, 4)]
    public void Shard_text_i_of_n_is_read(string text, int index, int count) =>
        Assert.That(Shard.TryParse(text), Is.EqualTo(new Shard(index, count)));

    [TestCase("4/4")]
    [TestCase("-1/4")]
    [TestCase("1/0")]
    [TestCase("1")]
    [TestCase("a/b")]
    public void Shard_text_that_is_not_i_of_n_is_refused(string text) => Assert.That(Shard.TryParse(text), Is.Null);
}
