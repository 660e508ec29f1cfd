using MigrationTasks.Execution;

namespace MigrationTasks.Core.Tests.Execution;

/// <summary>The one backoff every wait uses: its shapes, drawn with a fixed jitter so the waits are exact.</summary>
public sealed class BackoffTests
{
    private sealed class Draws(double value) : Random
    {
        public override double NextDouble() => value;
    }

    private static List<double> Waits(Backoff backoff, int count) =>
        Enumerable.Range(0, count).Select(_ => backoff.Next().TotalMilliseconds).ToList();

    [TestCase(0.5, new[] { 1000.0, 2000, 4000, 8000, 10000, 10000 })]
    [TestCase(0.0, new[] { 750.0, 1500, 3000, 6000, 7500, 7500 })]
    [TestCase(1.0, new[] { 1250.0, 2500, 5000, 10000, 12500, 12500 })]
    public void A_migration_retry_doubles_up_to_the_maximum_within_a_quarter_either_way(double draw, double[] expected)
    {
        var retry = new MigrationRetry(7, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));

        Assert.That(Waits(retry.Backoff(new Draws(draw)), 6), Is.EqualTo(expected));
    }

    [Test]
    public void A_maximum_below_the_first_wait_caps_the_first_wait_too()
    {
        var backoff = Backoff.Exponential(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(2), growth: 2, jitter: 0, new Draws(0.5));

        Assert.That(Waits(backoff, 3), Is.EqualTo(new[] { 2000.0, 2000, 2000 }));
    }

    [TestCase(1.0, new[] { 300.0, 900, 2700, 5000, 5000 })]
    [TestCase(0.0, new[] { 100.0, 100, 100, 100, 100 })]
    public void A_decorrelated_wait_lies_between_the_first_and_three_times_the_previous(double draw, double[] expected)
    {
        var backoff = Backoff.Decorrelated(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), new Draws(draw));

        Assert.That(Waits(backoff, 5), Is.EqualTo(expected));
    }
}
