using MigrationTasks.Configuration;
using MigrationTasks.Dialects;
using MigrationTasks.Execution;
using MigrationTasks.Fleets;
using MigrationTasks.Migrator;
using MigrationTasks.Postgres;
using MigrationTasks.Postgres.Connections;
using MigrationTasks.Postgres.Dialect;
using MigrationTasks.Sqlite;
using MigrationTasks.Sqlite.Dialect;
using MigrationTasks.Postgres.Fleets;

namespace MigrationTasks.Cli.Databases;

/// <summary>
/// The CLI's side of choosing an engine: the connection's form picks it (<see cref="DatabaseEngines"/>,
/// shared with the in-process API), migrations.yaml's <c>engine:</c> is checked against it, and the
/// provider is built from the run's settings. Any other scheme is named in a usage error.
/// </summary>
internal static class DatabaseProviders
{
    /// <summary>The dialect of the engine the connection names (<see cref="DatabaseEngines"/>).</summary>
    /// <exception cref="ConnectionStringException">Its scheme is no engine we have (MT4001, exit 2); the message holds the scheme only, never the rest.</exception>
    public static IMigrationDialect DialectOf(ResolvedConnectionString source)
    {
        ArgumentNullException.ThrowIfNull(source);
        try
        {
            return DatabaseEngines.DialectOf(source.Value);
        }
        catch (ConnectionStringException e)
        {
            throw new ConnectionStringException($"{source.OriginName}: {e.Message}", e);
        }
    }

    /// <summary>
    /// The dialect files are read with before (or without) a connection: the one migrations.yaml's
    /// <c>engine:</c> names, else the configured connection's, else PostgreSQL's. A connection that
    /// cannot be resolved yet is reported later, where it is needed.
    /// </summary>
    public static IMigrationDialect DialectFor(string? engine, Func<ResolvedConnectionString> connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (engine is not null)
        {
            return engine == SqliteDialect.Instance.Name ? SqliteDialect.Instance : PostgresDialect.Instance;
        }

        try
        {
            return DialectOf(connection());
        }
        catch (ConnectionStringException)
        {
            return PostgresDialect.Instance;
        }
    }

    /// <summary>Refuses a connection of another engine than migrations.yaml's <c>engine:</c> says the files are written for.</summary>
    public static void CheckEngine(string? engine, IMigrationDialect connected, ResolvedConnectionString source)
    {
        ArgumentNullException.ThrowIfNull(connected);
        ArgumentNullException.ThrowIfNull(source);
        if (engine is not null && engine != connected.Name)
        {
            throw new ConnectionStringException(
                $"{source.OriginName} names a {connected.Name} database, but migrations.yaml says the migrations are written for {engine} ('{ConfigurationKeys.Engine}: {engine}'); connect to a {engine} database or fix '{ConfigurationKeys.Engine}'.");
        }
    }

    /// <summary>The provider for the engine <see cref="DialectOf"/> accepted.</summary>
    public static IMigrationDatabaseProvider Create(Commands.RunSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Engine switch
        {
            Commands.SqliteEngine sqlite => new SqliteProvider(sqlite.Settings),
            Commands.PostgresEngine postgres => new PostgresProvider(postgres.Settings),
            _ => throw new InvalidOperationException($"no provider for {settings.Engine.GetType().Name}"),
        };
    }

    /// <summary>A fleet's tenants, read with the user's query on the connection <paramref name="settings"/> names.</summary>
    public static Task<IReadOnlyList<Tenant>> ReadTenantsAsync(PostgresSettings settings, string query, CancellationToken cancellationToken) =>
        TenantQuery.ReadAsync(new PostgresProvider(settings), query, cancellationToken);

    /// <summary>A fleet tenant's settings: its own connection (checked like any other) or the fleet's, and its schema.</summary>
    public static PostgresSettings ForTenant(PostgresSettings fleet, Tenant tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        if (tenant.ConnectionString is { } own)
        {
            // Named as the tenant's own setting: the main connection is not the one to fix.
            DialectOf(new ResolvedConnectionString(own, ConnectionOrigin.CommandLine, $"tenant '{tenant.Key}': its connection_string is not usable"));
        }

        return TenantSettings.For(fleet, tenant);
    }

}
