using MigrationTasks.Cli.Commands;
using MigrationTasks.Cli.GitHub;
using MigrationTasks.Fleets;
using MigrationTasks.Postgres.Connections;

namespace MigrationTasks.Cli.Fleets;

/// <summary>Reads a fleet's tenants from its source, through the one provider factory, and keeps their secrets out of a GitHub log.</summary>
internal static class FleetTenants
{
    private const string QueryConnectionName = "--tenants-connection";

    public static async Task<IReadOnlyList<Tenant>> ReadAsync(TenantSource source, Postgres.PostgresSettings fleet, CancellationToken cancellationToken)
    {
        if (source.Query is not { } query)
        {
            return TenantList.ReadFile(source.File!);
        }

        var on = source.QueryConnection is { } other
            ? fleet with { Connection = TenantsConnection(other), ConnectionSettingName = QueryConnectionName }
            : fleet;
        return await Databases.DatabaseProviders.ReadTenantsAsync(on, query, cancellationToken).ConfigureAwait(false);
    }

    // Its errors name it, not --connection (which the user gave right); the query runs on PostgreSQL only.
    private static Npgsql.NpgsqlConnectionStringBuilder TenantsConnection(string value)
    {
        try
        {
            return Migrator.DatabaseEngines.DialectOf(value).Name != Postgres.Dialect.PostgresDialect.Instance.Name
                ? throw new ConnectionStringException("it names a SQLite database; the tenants query runs on a PostgreSQL database (postgresql://...)")
                : ConnectionStringParser.Parse(value);
        }
        catch (ConnectionStringException e)
        {
            throw new ConnectionStringException($"{QueryConnectionName}: {e.Message}", e);
        }
    }

    /// <summary>In a GitHub step the tenants' own connection strings are masked like the main one, before any tenant runs.</summary>
    public static void MaskSecrets(TextWriter commands, TenantSource source, IReadOnlyList<Tenant> tenants)
    {
        var connections = tenants.Select(t => t.ConnectionString).Append(source.QueryConnection);
        foreach (var secret in connections.SelectMany(SecretMasks.For).Distinct(StringComparer.Ordinal))
        {
            commands.WriteLine(WorkflowCommands.Mask(secret));
        }

        commands.Flush();
    }
}
