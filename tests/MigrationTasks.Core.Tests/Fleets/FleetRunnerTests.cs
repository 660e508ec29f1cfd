using MigrationTasks.Execution;
using MigrationTasks.Fleets;

namespace MigrationTasks.Core.Tests.Fleets;

/// <summary>The scheduling rules, with tenants whose run is a short wait: the database side is in the CLI's fleet tests.</summary>
public sealed class FleetRunnerTests
{
    private static readonly List<Tenant> Tenants = new[] { "t05", "t01", "canary_a", "t03", "t02", "t04", "canary_b" }.Select(k => new Tenant(k, k)).ToList();

    private static Func<Tenant, Task<TenantResult>> Run(Func<Tenant, bool> fails, List<string>? started = null) => async tenant =>
    {
        if (started is not null)
        {
            lock (started)
            {
                started.Add(tenant.Key);
            }
        }

        await Task.Delay(5);
        return new TenantResult(tenant, fails(tenant) ? TenantStatus.Failed : TenantStatus.Succeeded, fails(tenant) ? RunOutcome.RolledBack : RunOutcome.Succeeded);
    };

    [Test]
    public async Task Canaries_run_first_one_at_a_time_then_the_rest_in_key_order()
    {
        var started = new List<string>();

        var result = await FleetRunner.RunAsync(Tenants, Shard.All, new FleetSchedule(1, new TenantGlob("canary_*"), FleetErrorPolicy.Fail, null), Run(_ => false, started), CancellationToken.None);

        Assert.That(started, Is.EqualTo(new[] { "canary_a", "canary_b", "t01", "t02", "t03", "t04", "t05" }));
        Assert.That(result.Tenants.Select(t => t.Tenant.Key), Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
    }

    [Test]
    public async Task A_failed_canary_starts_no_other_tenant_and_leaves_the_run_incomplete()
    {
        var started = new List<string>();

        var result = await FleetRunner.RunAsync(Tenants, Shard.All, new FleetSchedule(4, new TenantGlob("canary_*"), FleetErrorPolicy.Continue, null), Run(t => t.Key == "canary_a", started), CancellationToken.None);

        Assert.That(started, Is.EqualTo(new[] { "canary_a" }));
        Assert.That(result.Incomplete, Is.True);
        Assert.That(result.Count(TenantStatus.NotStarted), Is.EqualTo(6));
    }

    [Test]
    public async Task With_on_error_continue_every_other_tenant_runs_after_a_failure()
    {
        var result = await FleetRunner.RunAsync(Tenants, Shard.All, new FleetSchedule(2, TenantGlob.None, FleetErrorPolicy.Continue, null), Run(t => t.Key == "t02"), CancellationToken.None);

        Assert.That(result.Incomplete, Is.False);
        Assert.That(result.Tenants.Where(t => t.Status == TenantStatus.Failed).Select(t => t.Tenant.Key), Is.EqualTo(new[] { "t02" }));
        Assert.That(result.Count(TenantStatus.Succeeded), Is.EqualTo(6));
    }

    [Test]
    public async Task With_on_error_fail_a_failure_stops_starting_tenants()
    {
        var result = await FleetRunner.RunAsync(Tenants, Shard.All, FleetSchedule.OneAtATime, Run(t => t.Key == "t01"), CancellationToken.None);

        Assert.That(result.Tenants.Where(t => t.Status != TenantStatus.NotStarted).Select(t => t.Tenant.Key), Is.EqualTo(new[] { "canary_a", "canary_b", "t01" }));
        Assert.That(result.Incomplete, Is.True);
    }

    [Test]
    public async Task Max_failures_stops_starting_tenants_once_reached()
    {
        var result = await FleetRunner.RunAsync(Tenants, Shard.All, new FleetSchedule(1, TenantGlob.None, FleetErrorPolicy.Continue, 2), Run(t => t.Key.StartsWith('t')), CancellationToken.None);

        Assert.That(result.Count(TenantStatus.Failed), Is.EqualTo(2));
        Assert.That(result.Count(TenantStatus.NotStarted), Is.EqualTo(3));
    }

    [Test]
    public async Task Never_more_than_parallel_tenants_run_at_once()
    {
        var (running, peak, gate) = (0, 0, new Lock());
        var many = Enumerable.Range(0, 40).Select(i => new Tenant($"k{i:D2}")).ToList();

        await FleetRunner.RunAsync(many, Shard.All, new FleetSchedule(3, TenantGlob.None, FleetErrorPolicy.Fail, null), async tenant =>
        {
            lock (gate)
            {
                peak = Math.Max(peak, ++running);
            }

            await Task.Delay(10);
            lock (gate)
            {
                running--;
            }

            return new TenantResult(tenant, TenantStatus.Succeeded, RunOutcome.Succeeded);
        }, CancellationToken.None);

        Assert.That(peak, Is.EqualTo(3));
    }

    [Test]
    public async Task A_stop_lets_running_tenants_finish_and_starts_no_more()
    {
        using var stop = new CancellationTokenSource();
        var finished = new List<string>();

        var result = await FleetRunner.RunAsync(Tenants, Shard.All, new FleetSchedule(2, TenantGlob.None, FleetErrorPolicy.Fail, null), async tenant =>
        {
            stop.Cancel();
            await Task.Delay(20, CancellationToken.None);
            lock (finished)
            {
                finished.Add(tenant.Key);
            }

            return new TenantResult(tenant, TenantStatus.Succeeded, RunOutcome.Succeeded);
        }, stop.Token);

        Assert.That(result.Tenants.Where(t => t.Status == TenantStatus.Succeeded).Select(t => t.Tenant.Key), Is.EquivalentTo(finished));
        Assert.That(finished, Has.Count.InRange(1, 2));
        Assert.That(result.Incomplete, Is.True);
    }

    [Test]
    public async Task A_shard_runs_only_its_own_tenants()
    {
        var shard = new Shard(1, 3);

        var result = await FleetRunner.RunAsync(Tenants, shard, FleetSchedule.OneAtATime, Run(_ => false), CancellationToken.None);

        Assert.That(result.Tenants.Select(t => t.Tenant.Key), Is.EquivalentTo(Tenants.Where(t => shard.Contains(t.Key)).Select(t => t.Key)));
    }
}
