using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;
using MigrationTasks.Fleets;
using MigrationTasks.Postgres.Connections;
using MigrationTasks.Postgres.History;

namespace MigrationTasks.Postgres.Fleets;

/// <summary>
/// The PostgreSQL side of a fleet tenant: its connection (its own database, or the fleet's), its schema
/// as the connection's search_path and as the home of its history, so the lock key, derived from
/// database, schema and history table, is the tenant's own.
/// </summary>
public static class TenantSettings
{
    // The parser's messages never hold the password; this one names the tenant rather than an option.
    private static Npgsql.NpgsqlConnectionStringBuilder Parse(string connectionString, Tenant tenant)
    {
        try
        {
            return ConnectionStringParser.Parse(connectionString);
        }
        catch (ConnectionStringException e)
        {
            throw new ConnectionStringException($"tenant '{tenant.Key}': its connection_string is not usable: {e.Message}", e);
        }
    }

    /// <summary>
    /// Refuses, before any tenant runs, a tenant whose schema cannot hold its history: PostgreSQL cuts a name over 63
    /// bytes without an error, so two long keys would share one schema (the second finding the first's history) and a
    /// system schema is no place for tenant tables. Two keys naming one schema of the fleet's database are refused too:
    /// they would take turns on one history, the second skipped as locked or finding nothing to do.
    /// </summary>
    public static void CheckSchemas(IReadOnlyList<Tenant> tenants, string source)
    {
        ArgumentNullException.ThrowIfNull(tenants);
        var shared = tenants.Where(t => t.ConnectionString is null && t.Schema is not null)
            .GroupBy(t => t.Schema!, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (shared is not null)
        {
            throw new MigrationRunException(RunOutcome.InvalidSetting, Diagnostic.Error(DiagnosticCodes.DuplicateTenant,
                $"{source}: the tenants {string.Join(", ", shared.Take(10).Select(t => $"'{t.Key}'"))} all name the schema '{shared.Key}'; each tenant needs a schema of its own "
                + "(or a connection_string to its own database); no tenant was touched"));
        }

        foreach (var tenant in tenants)
        {
            if (tenant.Schema is { } schema && HistoryNames.SchemaProblem(schema) is { } problem)
            {
                throw new MigrationRunException(RunOutcome.InvalidSetting, Diagnostic.Error(DiagnosticCodes.InvalidTenantList,
                    $"{source}: the schema of tenant '{tenant.Key}' {problem}. A JSON tenants file or the tenants query can give a tenant a schema apart from its key "
                    + "({\"key\": ..., \"schema\": ...}, or a column named schema); no tenant was touched"));
            }
        }
    }

    public static PostgresSettings For(PostgresSettings fleet, Tenant tenant)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(tenant);
        var connection = tenant.ConnectionString is { } own
            ? Parse(own, tenant)
            : new Npgsql.NpgsqlConnectionStringBuilder(fleet.Connection.ConnectionString);
        if (string.IsNullOrEmpty(connection.ApplicationName) || connection.ApplicationName == fleet.Connection.ApplicationName)
        {
            // pg_stat_activity, and a waiting runner's message, then say which tenant a session works for.
            connection.ApplicationName = ApplicationName.Fit($"{fleet.Connection.ApplicationName ?? "migrationtasks"}/{tenant.Key}");
        }

        // A tenant with a database of its own cannot use the fleet's lock session: an advisory lock belongs to one database.
        var locks = tenant.ConnectionString is null ? fleet.FleetLocks : null;
        var sessions = tenant.ConnectionString is null ? fleet.FleetSessions : null;
        if (tenant.Schema is not { } schema)
        {
            return fleet with { Connection = connection, ConnectionSettingName = $"tenant '{tenant.Key}'", FleetLocks = locks, FleetSessions = sessions };
        }

        // A list of identifiers to the server: quoted, so a schema named "Acme" or "a,b" is that schema.
        connection.SearchPath = SqlIdentifier.Quote(schema);
        return fleet with
        {
            Connection = connection,
            ConnectionSettingName = $"tenant '{tenant.Key}'",
            HistorySchema = schema,
            TenantSchema = schema,
            FleetLocks = locks,
            FleetSessions = sessions,
            // A configured key would be shared by every tenant of the database, and serialize (or skip) them all.
            LockKey = null,
        };
    }
}
