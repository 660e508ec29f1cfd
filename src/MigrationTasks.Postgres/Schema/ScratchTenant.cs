using MigrationTasks.Files;
using MigrationTasks.Fleets;
using MigrationTasks.Postgres.Execution;
using MigrationTasks.Postgres.Fleets;

namespace MigrationTasks.Postgres.Schema;

/// <summary>
/// Fleet migrations that write <c>${tenant_schema}</c> are sent as written outside a fleet, and the server refuses the
/// <c>$</c>: <c>migrations verify</c> would then fail on their first use and check none of their down files. It runs
/// them as one tenant of the scratch database instead, in a schema of that name, exactly as a fleet run does.
/// </summary>
public static class ScratchTenant
{
    public const string Schema = "tenant";

    public const string Placeholder = TenantPlaceholders.TenantSchema;

    /// <summary>Whether any up or down file of the set names its tenant's schema.</summary>
    public static bool IsNeeded(MigrationSet migrations)
    {
        ArgumentNullException.ThrowIfNull(migrations);
        return migrations.Migrations
            .SelectMany(m => m.Down is { } down ? [m.Up, down] : new[] { m.Up })
            .Any(script => script.Text.Contains(Placeholder, StringComparison.Ordinal));
    }

    /// <summary>The scratch database's settings as a fleet tenant's: search_path, history and fingerprint in <see cref="Schema"/>.</summary>
    public static PostgresSettings For(PostgresSettings scratch)
    {
        ArgumentNullException.ThrowIfNull(scratch);
        return TenantSettings.For(scratch, new Tenant("verify", Schema)) with { ConnectionSettingName = scratch.ConnectionSettingName };
    }
}
