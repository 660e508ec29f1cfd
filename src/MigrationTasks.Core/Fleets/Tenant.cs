namespace MigrationTasks.Fleets;

/// <summary>
/// One target of a fleet run: a customer's schema, database, or both. The key names it in output,
/// reports and shard assignment; tags are the other columns of the tenant query, carried into reports.
/// </summary>
/// <param name="Key">Unique within the fleet; what shards hash and what --canary globs match.</param>
/// <param name="Schema">The tenant's schema (its search_path and the home of its history); null keeps the connection's own.</param>
/// <param name="ConnectionString">The tenant's own database; null for the fleet's main connection.</param>
public sealed record Tenant(string Key, string? Schema = null, string? ConnectionString = null)
{
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}
