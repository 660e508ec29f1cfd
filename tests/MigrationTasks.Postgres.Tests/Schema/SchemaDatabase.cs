using MigrationTasks.Execution;
using MigrationTasks.Schema;
using MigrationTasks.Testing;
using Npgsql;

namespace MigrationTasks.Postgres.Tests.Schema;

/// <summary>Reads a test database's schema the way the runner does, through the provider.</summary>
internal static class SchemaDatabase
{

    public static async Task<IMigrationDatabase> OpenAsync(TestDatabase database, Action<NpgsqlConnectionStringBuilder>? configure = null, SchemaScope? scope = null)
    {
        var connection = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        configure?.Invoke(connection);
        var settings = new PostgresSettings(connection) { ConnectTimeout = TimeSpan.FromSeconds(10), Scope = scope ?? SchemaScope.Everything };
        return await new PostgresProvider(settings).OpenAsync(SilentObserver.Instance, CancellationToken.None);
    }

    public static async Task<SchemaFingerprint> FingerprintAsync(TestDatabase database, Action<NpgsqlConnectionStringBuilder>? configure = null, SchemaScope? scope = null)
    {
        await using var opened = await OpenAsync(database, configure, scope);
        return await opened.ReadSchemaAsync(CancellationToken.None);
    }

    /// <summary>A database built from <paramref name="sql"/> on a fresh test database.</summary>
    public static async Task<TestDatabase> BuiltAsync(string sql)
    {
        var database = await TestDatabase.CreateAsync();
        await RunAsync(database, sql);
        return database;
    }

    /// <summary>Runs statements that each end a line with ';' (or the text) as one batch, in one session.</summary>
    public static async Task RunAsync(TestDatabase database, string sql)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(connection);
        foreach (var statement in sql.Split(";\n").Select(s => s.Trim().TrimEnd(';')).Where(s => s.Length > 0))
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(statement));
        }

        await batch.ExecuteNonQueryAsync();
    }
}
