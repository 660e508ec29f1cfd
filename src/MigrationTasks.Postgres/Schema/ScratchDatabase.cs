using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;
using Npgsql;

namespace MigrationTasks.Postgres.Schema;

/// <summary>
/// The throwaway database <c>migrations verify</c> works in: created on the dev server from template0 (so
/// nothing a template1 holds leaks in), dropped afterwards unless kept. Never the database being deployed.
/// </summary>
public sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly NpgsqlConnectionStringBuilder _server;
    private readonly bool _keep;

    private ScratchDatabase(NpgsqlConnectionStringBuilder server, string name, bool keep)
    {
        (_server, Name, _keep) = (server, name, keep);
        Connection = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name, Pooling = false };
    }

    public string Name { get; }

    /// <summary>The connection to the scratch database: the dev server's, with the database replaced.</summary>
    public NpgsqlConnectionStringBuilder Connection { get; }

    /// <param name="server">The dev server; its database (postgres when none) is where CREATE DATABASE runs.</param>
    public static async Task<ScratchDatabase> CreateAsync(NpgsqlConnectionStringBuilder server, bool keep, CancellationToken cancellationToken)
    {
        var admin = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Pooling = false };
        admin.Database ??= "postgres";
        var name = "migrationtasks_verify_" + Guid.NewGuid().ToString("N")[..12];
        await RunAsync(admin, $"CREATE DATABASE {SqlIdentifier.Quote(name)} TEMPLATE template0", "create the scratch database", cancellationToken).ConfigureAwait(false);
        return new ScratchDatabase(admin, name, keep);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_keep)
        {
            // WITH (FORCE) is PostgreSQL 13+: a connection the run left behind must not keep the database alive.
            await RunAsync(_server, $"DROP DATABASE IF EXISTS {SqlIdentifier.Quote(Name)} WITH (FORCE)", "drop the scratch database", CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static async Task RunAsync(NpgsqlConnectionStringBuilder server, string sql, string doing, CancellationToken cancellationToken)
    {
        try
        {
            // A slim data source, as every other connection of the runner: `new NpgsqlConnection(string)` would build
            // Npgsql's full one and so compile every type mapping it knows into the native runner, whose start grows with it.
            var dataSource = new NpgsqlSlimDataSourceBuilder(server.ConnectionString).Build();
            await using var dataSourceLifetime = dataSource.ConfigureAwait(false);
            var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var connectionLifetime = connection.ConfigureAwait(false);
            var command = new NpgsqlCommand(sql, connection);
            await using var commandLifetime = command.ConfigureAwait(false);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException e)
        {
            // Npgsql's messages name host and database, never the password.
            throw new MigrationRunException(RunOutcome.DatabaseUnreachable, Diagnostic.Error(DiagnosticCodes.ScratchDatabaseFailed,
                $"could not {doing} on the dev server {server.Host}:{server.Port}: {RedactedDetail.Without(e.Message)}. {NextStep(e)}; it must never be a production server"), e);
        }
    }

    // The next step follows what went wrong: CREATEDB is the cure for a refused CREATE DATABASE only.
    private static string NextStep(NpgsqlException e) => e switch
    {
        PostgresException { SqlState: "28P01" or "28000" } => "Check the user and password of --dev-url (or MIGRATION_DEV_URL) and the server's pg_hba.conf",
        PostgresException { SqlState: "3D000" } => "Name a database that exists in --dev-url (postgres, when it names none)",
        PostgresException => "The dev server's user needs CREATEDB",
        _ => "Check that the dev server is running and that the host and port of --dev-url (or MIGRATION_DEV_URL) are right",
    };
}
