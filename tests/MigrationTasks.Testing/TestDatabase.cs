// A fresh database per test, so tests never see each other's tables, history rows or locks.
using System.Globalization;
using System.Text;
using Npgsql;

namespace MigrationTasks.Testing;

public sealed class TestDatabase : IAsyncDisposable
{
    private const int MaxIdentifierLength = 63;

    private readonly string _adminConnectionString;

    private TestDatabase(string adminConnectionString, string name)
    {
        _adminConnectionString = adminConnectionString;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = name }.ToString();
    }

    public string Name { get; }

    /// <summary>Npgsql key=value connection string to this database, default pooling.</summary>
    public string ConnectionString { get; }

    /// <summary>Creates a database named after the current test plus a random suffix.</summary>
    public static async Task<TestDatabase> CreateAsync(CancellationToken cancellationToken = default)
    {
        var admin = await TestDatabaseServer.GetAdminConnectionStringAsync();
        var database = new TestDatabase(admin, NewName());
        // template0: a clean slate even on a shared server whose template1 was customised.
        await ExecuteOnAsync(admin, $"CREATE DATABASE \"{database.Name}\" TEMPLATE template0", cancellationToken);
        return database;
    }

    /// <summary>An open connection to this database; the caller disposes it.</summary>
    public async Task<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken = default)
    {
        var connection = new NpgsqlConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task<T?> ScalarAsync<T>(string sql, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value switch
        {
            null or DBNull => default,
            T typed => typed,
            _ => (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), CultureInfo.InvariantCulture),
        };
    }

    public Task ExecuteAsync(string sql, CancellationToken cancellationToken = default) =>
        ExecuteOnAsync(ConnectionString, sql, cancellationToken);

    /// <summary>Whether a table (plain or partitioned) exists; names are matched exactly, unquoted.</summary>
    public async Task<bool> TableExistsAsync(string schema, string table, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        // Positional parameters: works whether or not Npgsql's SQL rewriting is enabled.
        await using var command = new NpgsqlCommand(
            "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace " +
            "WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r', 'p'))",
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = schema });
        command.Parameters.Add(new NpgsqlParameter { Value = table });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Drops the database, closing any connection the test left open.</summary>
    public async ValueTask DisposeAsync()
    {
        using (var connection = new NpgsqlConnection(ConnectionString))
        {
            // Idle pooled connections would otherwise linger as broken sockets in the pool.
            NpgsqlConnection.ClearPool(connection);
        }

        await ExecuteOnAsync(_adminConnectionString, $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", CancellationToken.None);
    }

    private static async Task ExecuteOnAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // Lower-case letters, digits and underscores only, so the name never needs escaping and
    // a leftover database still says which test made it.
    private static string NewName()
    {
        var suffix = "_" + Guid.NewGuid().ToString("N")[..8];
        var testName = TestContext.CurrentContext?.Test?.Name ?? "test";
        var sanitized = new StringBuilder("t_");
        foreach (var c in testName.ToLowerInvariant())
        {
            var keep = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? c : '_';
            if (keep != '_' || sanitized[^1] != '_')
            {
                sanitized.Append(keep);
            }
        }

        var stem = sanitized.ToString().TrimEnd('_');
        return stem[..Math.Min(stem.Length, MaxIdentifierLength - suffix.Length)] + suffix;
    }
}
