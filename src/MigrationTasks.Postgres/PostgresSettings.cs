using MigrationTasks.Configuration;
using MigrationTasks.Schema;
using MigrationTasks.Postgres.Fleets;
using MigrationTasks.Postgres.Locking;
using Npgsql;

namespace MigrationTasks.Postgres;

/// <summary>Where and how the PostgreSQL provider works: the server, the history table and the lock.</summary>
public sealed record PostgresSettings(NpgsqlConnectionStringBuilder Connection)
{
    public const string DefaultHistorySchema = "public";

    /// <summary>Prefixed with the tool's name so it never collides with another tool's history table.</summary>
    public const string DefaultHistoryTable = "migrationtasks_history";

    /// <summary>Where the connection came from (--connection, MIGRATION_DATABASE_URL...), named in connection errors.</summary>
    public string? ConnectionSettingName { get; init; }

    public string HistorySchema { get; init; } = DefaultHistorySchema;

    public string HistoryTable { get; init; } = DefaultHistoryTable;

    /// <summary>The advisory lock key; derived from database, schema and table when null.</summary>
    public long? LockKey { get; init; }

    /// <summary>A fleet tenant's schema, substituted for <c>${tenant_schema}</c> in migrations; null outside a fleet.</summary>
    public string? TenantSchema { get; init; }

    /// <summary>The session a fleet holds its tenants' migration locks on; null for a run of one database, which opens its own.</summary>
    public FleetLockSession? FleetLocks { get; init; }

    /// <summary>The work sessions a fleet keeps from one tenant to the next; null when each run opens its own.</summary>
    public FleetSessions? FleetSessions { get; init; }

    /// <summary>What the schema fingerprint describes, as migrations.yaml's <c>drift:</c> says (the whole database by default).</summary>
    public SchemaScope Scope { get; init; } = SchemaScope.Everything;

    /// <summary>
    /// What the fingerprint (recorded, <c>drift</c>, <c>dump</c>) describes on this run: a fleet tenant's own schema,
    /// so that neither its record nor its drift depends on the other tenants; otherwise <see cref="Scope"/>.
    /// </summary>
    public SchemaScope FingerprintScope => TenantSchema is { } schema ? Scope with { Schemas = [schema] } : Scope;

    public TimeSpan LockTimeout { get; init; } = MigrationsOptions.DefaultTimeout;

    /// <summary>The lock key a run on <paramref name="database"/> uses: the configured one, or the one derived from database, schema and table.</summary>
    public long EffectiveLockKey(string database) => LockKey ?? AdvisoryLock.DeriveKey(database, HistorySchema, HistoryTable);

    /// <summary>How long connecting may keep retrying transient failures.</summary>
    public TimeSpan ConnectTimeout { get; init; } = MigrationsOptions.DefaultTimeout;

    /// <summary>The clock connect retries and lock polling wait on; tests pass a fake one instead of sleeping.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
