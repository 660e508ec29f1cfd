using System.Text.RegularExpressions;
using MigrationTasks.Configuration;
using MigrationTasks.Dialects;
using MigrationTasks.Execution;
using MigrationTasks.Fleets;
using MigrationTasks.Postgres;
using MigrationTasks.Postgres.Connections;
using MigrationTasks.Postgres.Dialect;
using MigrationTasks.Sqlite;
using MigrationTasks.Sqlite.Dialect;
using MigrationTasks.Postgres.Fleets;

namespace MigrationTasks.Cli.Databases;

/// <summary>
/// The one place that knows which database engines exist: a connection's form picks the engine,
/// and with it the dialect and the provider. <c>sqlite:path</c>, <c>sqlite:///abs/path</c> and
/// <c>Data Source=…</c> are SQLite; <c>postgres://</c>, <c>postgresql://</c> and other key=value
/// strings (libpq's or Npgsql's) are PostgreSQL; any other scheme is named in a usage error.
/// </summary>
internal static partial class DatabaseProviders
{
    private static readonly string[] PostgresSchemes = ["postgres", "postgresql"];

    /// <summary>The dialect of the engine the connection names.</summary>
    /// <exception cref="ConnectionStringException">Its scheme is no engine we have (MT4001, exit 2); the message holds the scheme only, never the rest.</exception>
    public static IMigrationDialect DialectOf(ResolvedConnectionString source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (SqliteConnectionSpec.Names(source.Value))
        {
            return SqliteDialect.Instance;
        }

        if (Scheme().Match(source.Value.TrimStart()) is { Success: true } match
            && !PostgresSchemes.Contains(match.Groups[1].Value, StringComparer.OrdinalIgnoreCase))
        {
            throw new ConnectionStringException(
                $"{source.OriginName}: the scheme '{match.Groups[1].Value}:' names a database engine MigrationTasks does not support; it supports PostgreSQL and SQLite. " +
                "Use a postgresql:// (or postgres://) URI or a key=value string such as Host=host;Database=database, or sqlite:path/to/app.db.");
        }

        return PostgresDialect.Instance;
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
        return settings.Sqlite is { } sqlite ? new SqliteProvider(sqlite) : new PostgresProvider(settings.Postgres!);
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
            DialectOf(new ResolvedConnectionString(own, ConnectionOrigin.CommandLine));
        }

        return TenantSettings.For(fleet, tenant);
    }

    // A URI scheme opens the text (RFC 3986: a letter, then letters, digits, '+', '-', '.', then ':');
    // a key=value string never does, since its first key ends at '=', before any ':'.
    [GeneratedRegex(@"^([A-Za-z][A-Za-z0-9+.\-]*):", RegexOptions.CultureInvariant)]
    private static partial Regex Scheme();
}
