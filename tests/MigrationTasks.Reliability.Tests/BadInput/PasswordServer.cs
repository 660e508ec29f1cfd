using System.Globalization;
using MigrationTasks.Testing;
using Npgsql;

namespace MigrationTasks.Reliability.Tests.BadInput;

/// <summary>
/// A throwaway cluster of this test run that, unlike the shared test server (trust authentication),
/// checks passwords: the role <see cref="User"/> logs in over TCP with SCRAM and the sentinel password.
/// It makes "wrong password" a real failure and makes the secrets suite use the sentinel for real.
/// Started once per test process on first use; ThrowawayCluster stops it when the process exits.
/// </summary>
internal static class PasswordServer
{
    public const string User = "mt_app";

    /// <summary>Needs percent-encoding in a URI ('@', ' ', '/', '%'), so the plain and encoded forms differ.</summary>
    public const string Sentinel = "Sentinel@Pw 9/x%Q";

    private static readonly Lazy<Task<ThrowawayCluster>> Cluster = new(StartAsync);
    private static int Databases;

    /// <summary>A fresh database owned by <see cref="User"/>; the target connects with the sentinel password.</summary>
    public static async Task<Target> CreateDatabaseAsync(ConnectionForm form)
    {
        var cluster = await Cluster.Value;
        var name = "secrets_" + Interlocked.Increment(ref Databases).ToString(CultureInfo.InvariantCulture);
        await ExecuteAsync(cluster.ConnectionString(), $"CREATE DATABASE {name} OWNER {User} TEMPLATE template0");
        return new Target(cluster.ConnectionString(name), "127.0.0.1", cluster.Port, User, Sentinel, name, form);
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, ending any session still in it.</summary>
    public static async Task DropDatabaseAsync(Target target)
    {
        var cluster = await Cluster.Value;
        await ExecuteAsync(cluster.ConnectionString(), $"DROP DATABASE IF EXISTS {target.Database} WITH (FORCE)");
    }

    private static async Task<ThrowawayCluster> StartAsync()
    {
        var cluster = await ThrowawayCluster.CreateAsync();
        await ExecuteAsync(cluster.ConnectionString(), $"CREATE ROLE {User} LOGIN PASSWORD '{Sentinel.Replace("'", "''", StringComparison.Ordinal)}'");

        // The superuser keeps trust (the test reads the catalog with it); everyone else needs the password.
        var hba = Path.Combine(cluster.Directory, "data", "pg_hba.conf");
        await File.WriteAllTextAsync(hba, """
            local all all trust
            host all postgres 127.0.0.1/32 trust
            host all all 127.0.0.1/32 scram-sha-256
            """ + "\n");
        await ExecuteAsync(cluster.ConnectionString(), "SELECT pg_reload_conf()");

        // The postmaster rereads the file asynchronously: wait until a wrong password is refused.
        var probe = new NpgsqlConnectionStringBuilder(cluster.ConnectionString()) { Username = User, Password = "not-the-password", Pooling = false }.ConnectionString;
        for (var attempt = 0; attempt < 50; attempt++)
        {
            try
            {
                await ExecuteAsync(probe, "SELECT 1");
                await Task.Delay(100);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidPassword)
            {
                return cluster;
            }
        }

        throw new InvalidOperationException("the password cluster kept accepting any password after pg_reload_conf()");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
