using MigrationTasks.Execution;

namespace MigrationTasks.Fleets;

public enum TenantStatus
{
    Succeeded,
    Failed,

    /// <summary>Another process held this tenant's migration lock: it is that process's to migrate, not a failure.</summary>
    SkippedLocked,

    /// <summary>Never started: the run stopped first (canary failure, --max-failures, --on-error fail, a signal).</summary>
    NotStarted,
}

/// <summary>What one tenant's run did: its status, versions before and after, what it applied, and its first error.</summary>
/// <param name="Outcome">How its run ended; null when it ended in an unexpected error (a bug).</param>
public sealed record TenantResult(Tenant Tenant, TenantStatus Status, RunOutcome? Outcome)
{
    public string? FromVersion { get; init; }

    public string? ToVersion { get; init; }

    public IReadOnlyList<string> Applied { get; init; } = [];

    public TimeSpan Duration { get; init; }

    public string? Error { get; init; }

    public static TenantResult NotStarted(Tenant tenant) => new(tenant, TenantStatus.NotStarted, RunOutcome.Cancelled);
}

/// <summary>The whole fleet's run: one result per tenant of this shard, in key order.</summary>
public sealed record FleetResult(IReadOnlyList<TenantResult> Tenants, Shard Shard)
{
    /// <summary>Some tenants were never started: the run stopped early.</summary>
    public bool Incomplete => Tenants.Any(t => t.Status == TenantStatus.NotStarted);

    public bool AnyFailed => Tenants.Any(t => t.Status == TenantStatus.Failed);

    public int Count(TenantStatus status) => Tenants.Count(t => t.Status == status);
}
