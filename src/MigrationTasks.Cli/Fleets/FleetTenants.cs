using MigrationTasks.Cli.Commands;
using MigrationTasks.Cli.GitHub;
using MigrationTasks.Fleets;
using MigrationTasks.Postgres.Connections;

namespace MigrationTasks.Cli.Fleets;

/// <summary>Reads a fleet's tenants from its source, through the one provider factory, and keeps their secrets out of a GitHub log.</summary>
internal static class FleetTenants
{
    public static async Task<IReadOnlyList<Tenant>> ReadAsync(TenantSource source, Postgres.PostgresSettings fleet, CancellationToken cancellationToken)
    {
        if (source.Query is not { } query)
        {
            return TenantList.ReadFile(source.File!);
        }

        var on = fleet;
        if (source.QueryConnection is { } other)
        {
            // Named as itself in every message: the main connection is not the one to fix.
            var resolved = new ResolvedConnectionString(other.Value, ConnectionOrigin.CommandLine, source.QueryConnectionName);
            Databases.DatabaseProviders.DialectOf(resolved);
            on = on with { Connection = resolved.Parse(), ConnectionSettingName = source.QueryConnectionName };
        }

        return await Databases.DatabaseProviders.ReadTenantsAsync(on, query, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>In a GitHub step the tenants' own connection strings are masked like the main one, before any tenant runs.</summary>
    public static void MaskSecrets(TextWriter commands, TenantSource source, IReadOnlyList<Tenant> tenants)
    {
        var connections = tenants.Select(t => t.ConnectionString).Append(source.QueryConnection?.Value);
        foreach (var secret in connections.SelectMany(SecretMasks.For).Distinct(StringComparer.Ordinal))
        {
            commands.WriteLine(WorkflowCommands.Mask(secret));
        }

        commands.Flush();
    }
}
