namespace MigrationTasks.Postgres.Connections;

/// <summary>
/// Picks the connection setting by precedence: <c>--connection</c> &gt; <c>MIGRATION_DATABASE_URL</c>
/// &gt; <c>DATABASE_URL</c>. The environment is passed in so tests need not change the process's.
/// </summary>
public static class ConnectionSource
{
    public const string CommandLineOption = "--connection";
    public const string MigrationDatabaseUrlVariable = "MIGRATION_DATABASE_URL";
    public const string DatabaseUrlVariable = "DATABASE_URL";

    /// <summary>Resolves from the process environment.</summary>
    /// <exception cref="ConnectionStringException">No source holds a value.</exception>
    public static ResolvedConnectionString Resolve(string? commandLineValue)
        => Resolve(commandLineValue, Environment.GetEnvironmentVariable);

    /// <summary>Resolves from <paramref name="commandLineValue"/> and then the given environment.</summary>
    /// <exception cref="ConnectionStringException">No source holds a value, or <c>--connection</c> was given empty.</exception>
    public static ResolvedConnectionString Resolve(string? commandLineValue, Func<string, string?> getEnvironmentVariable)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        if (commandLineValue is not null)
        {
            // An explicit but empty option is usually an unset CI variable; falling back to the
            // environment could silently migrate another database, so it is an error.
            if (string.IsNullOrWhiteSpace(commandLineValue))
            {
                throw new ConnectionStringException(
                    $"{CommandLineOption} was given an empty value. Pass a connection string or URI, or leave the option out to use {MigrationDatabaseUrlVariable} or {DatabaseUrlVariable}.");
            }

            return new ResolvedConnectionString(commandLineValue, ConnectionOrigin.CommandLine);
        }

        // An empty variable counts as unset: compose files and CI templates often declare them blank.
        var migrationUrl = getEnvironmentVariable(MigrationDatabaseUrlVariable);
        if (!string.IsNullOrWhiteSpace(migrationUrl))
        {
            return new ResolvedConnectionString(migrationUrl, ConnectionOrigin.MigrationDatabaseUrl);
        }

        var databaseUrl = getEnvironmentVariable(DatabaseUrlVariable);
        if (!string.IsNullOrWhiteSpace(databaseUrl))
        {
            return new ResolvedConnectionString(databaseUrl, ConnectionOrigin.DatabaseUrl);
        }

        throw new ConnectionStringException(
            $"No database connection is configured. Set {MigrationDatabaseUrlVariable} (or {DatabaseUrlVariable}) to a URI such as postgresql://user:password@host:5432/database, or pass {CommandLineOption} \"Host=host;Username=user;Database=database\".");
    }

    /// <summary>The name users know an origin by.</summary>
    public static string NameOf(ConnectionOrigin origin) => origin switch
    {
        ConnectionOrigin.CommandLine => CommandLineOption,
        ConnectionOrigin.MigrationDatabaseUrl => MigrationDatabaseUrlVariable,
        ConnectionOrigin.DatabaseUrl => DatabaseUrlVariable,
        _ => throw new ArgumentOutOfRangeException(nameof(origin), origin, "Unknown connection origin."),
    };
}
