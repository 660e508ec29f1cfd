namespace MigrationTasks.Postgres.Connections;

/// <summary>Where the connection setting came from, highest precedence first.</summary>
public enum ConnectionOrigin
{
    /// <summary>The <c>--connection</c> command-line option.</summary>
    CommandLine,

    /// <summary>The <c>MIGRATION_DATABASE_URL</c> environment variable.</summary>
    MigrationDatabaseUrl,

    /// <summary>The <c>DATABASE_URL</c> environment variable.</summary>
    DatabaseUrl,
}
