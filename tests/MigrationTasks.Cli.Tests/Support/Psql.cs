using Npgsql;

namespace MigrationTasks.Cli.Tests.Support;

/// <summary>
/// Runs SQL with psql -c: the whole text as one simple query, as golang-migrate's PostgreSQL driver
/// sends a migration file. A reference for "what the other tool builds" that shares no code with us.
/// </summary>
internal static class Psql
{
    /// <summary>Runs <paramref name="sql"/> between BEGIN and COMMIT, as a tool that wraps a migration in a transaction.</summary>
    public static Task RunInTransactionAsync(Testing.TestDatabase database, string sql) => RunAsync(database, "BEGIN;\n" + sql + "\n;\nCOMMIT;");

    public static async Task RunAsync(Testing.TestDatabase database, string sql)
    {
        var psql = new[] { "/usr/bin/psql", "/usr/local/bin/psql" }
            .Concat(Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "psql")) : [])
            .FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("psql is needed for this test (the PostgreSQL client); install it (apt-get install postgresql-client)");
        var connection = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        var environment = new Dictionary<string, string>
        {
            ["PGHOST"] = connection.Host ?? "localhost",
            ["PGPORT"] = connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PGUSER"] = connection.Username ?? "",
            ["PGPASSWORD"] = connection.Password ?? "",
            ["PGDATABASE"] = connection.Database ?? "",
        };
        var result = await ChildProcess.RunAsync(psql, ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql], environment, Path.GetTempPath(), TimeSpan.FromMinutes(1));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"psql failed: {result}");
        }
    }
}
