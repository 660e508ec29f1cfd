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

        var on = source.QueryConnection is { } other
            ? fleet with { Connection = TenantsConnection(other.Value, source.QueryConnectionName), ConnectionSettingName = source.QueryConnectionName }
            : fleet;
        return await Databases.DatabaseProviders.ReadTenantsAsync(on, query, cancellationToken).ConfigureAwait(false);
    }

    // Its errors name it (--tenants-connection, or tenants.connection in migrations.yaml), not --connection,
    // which the user gave right; the query runs on PostgreSQL only.
    private static Npgsql.NpgsqlConnectionStringBuilder TenantsConnection(string value, string settingName)
    {
        var resolved = new ResolvedConnectionString(value, ConnectionOrigin.CommandLine, settingName);
        return Databases.DatabaseProviders.DialectOf(resolved).Name != Postgres.Dialect.PostgresDialect.Instance.Name
            ? throw new ConnectionStringException($"{settingName}: it names a SQLite database; the tenants query runs on a PostgreSQL database (postgresql://...)")
            : resolved.Parse();
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
