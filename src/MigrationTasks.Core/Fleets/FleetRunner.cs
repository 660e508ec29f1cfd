namespace MigrationTasks.Fleets;

/// <summary>
/// Runs one shard of a fleet: the canaries first, one at a time, then the rest in key order with at
/// most <see cref="FleetSchedule.Parallel"/> tenants in flight. Provider-neutral: what running a tenant
/// means (connect, lock, migrate) is the <c>run</c> delegate's, which reports every failure as a
/// result and never throws. Stopping (a failed canary, --on-error fail, --max-failures, the
/// <c>stopStarting</c> token of a SIGTERM) only stops starting tenants: those in flight finish under
/// their own token, and the rest are reported <see cref="TenantStatus.NotStarted"/>.
/// </summary>
public static class FleetRunner
{
    public static async Task<FleetResult> RunAsync(
        IReadOnlyList<Tenant> tenants, Shard shard, FleetSchedule schedule,
        Func<Tenant, Task<TenantResult>> run, CancellationToken stopStarting)
    {
        ArgumentNullException.ThrowIfNull(tenants);
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(run);
        var mine = tenants.Where(t => shard.Contains(t.Key)).OrderBy(t => t.Key, StringComparer.Ordinal).ToList();
        var results = new Dictionary<string, TenantResult>(StringComparer.Ordinal);
        var canaries = mine.Where(t => schedule.Canaries.Matches(t.Key)).ToList();
        var stopped = false;
        foreach (var canary in canaries)
        {
            if (stopStarting.IsCancellationRequested)
            {
                break;
            }

            var result = await run(canary).ConfigureAwait(false);
            results[canary.Key] = result;
            if (result.Status == TenantStatus.Failed)
            {
                // A canary exists to stop a bad release before it reaches everyone.
                stopped = true;
                break;
            }
        }

        if (!stopped)
        {
            await RunRestAsync(mine.Where(t => !results.ContainsKey(t.Key)).ToList(), schedule, run, results, stopStarting).ConfigureAwait(false);
        }

        return new FleetResult(mine.Select(t => results.TryGetValue(t.Key, out var r) ? r : TenantResult.NotStarted(t)).ToList(), shard);
    }

    private static async Task RunRestAsync(
        List<Tenant> rest, FleetSchedule schedule, Func<Tenant, Task<TenantResult>> run,
        Dictionary<string, TenantResult> results, CancellationToken stopStarting)
    {
        using var slots = new SemaphoreSlim(Math.Max(1, schedule.Parallel));
        var running = new List<Task>();
        var failures = 0;
        var gate = new Lock();
        bool ShouldStop()
        {
            lock (gate)
            {
                return stopStarting.IsCancellationRequested
                    || (failures > 0 && schedule.OnError == FleetErrorPolicy.Fail)
                    || (schedule.MaxFailures is { } max && failures >= max);
            }
        }

        foreach (var tenant in rest)
        {
            // Waits for a free slot without the stop token: a stop while waiting is seen on the next line.
            await slots.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            if (ShouldStop())
            {
                slots.Release();
                break;
            }

            running.Add(Task.Run(async () =>
            {
                try
                {
                    var result = await run(tenant).ConfigureAwait(false);
                    lock (gate)
                    {
                        results[tenant.Key] = result;
                        failures += result.Status == TenantStatus.Failed ? 1 : 0;
                    }
                }
                finally
                {
                    slots.Release();
                }
            }, CancellationToken.None));
        }

        await Task.WhenAll(running).ConfigureAwait(false);
    }
}
