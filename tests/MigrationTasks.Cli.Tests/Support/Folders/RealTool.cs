using Npgsql;

namespace MigrationTasks.Cli.Tests.Support.Folders;

/// <summary>
/// The other tool itself, when the test run names its executable: <c>MIGRATIONTASKS_DBMATE</c> (dbmate),
/// <c>MIGRATIONTASKS_NODE_PG_MIGRATE</c> (node-pg-migrate's bin), both from
/// <c>npm install dbmate node-pg-migrate pg</c>, or <c>MIGRATIONTASKS_DRIZZLE_MIGRATE</c> (a program that runs
/// eng/adoption/drizzle-migrate.cjs with drizzle-orm and pg installed, taking the folder). Without it the fixtures replay the tool's algorithm
/// with psql instead (docs/adopting.md says which comparisons ran the real tools).
/// </summary>
internal sealed class RealTool(string program, string[] upArguments, string historyTable)
{
    public static RealTool? Dbmate { get; } = Named("MIGRATIONTASKS_DBMATE", ["--no-dump-schema", "--migrations-dir", "{dir}", "up"], "schema_migrations");

    public static RealTool? NodePgMigrate { get; } = Named("MIGRATIONTASKS_NODE_PG_MIGRATE", ["up", "--migrations-dir", "{dir}"], "pgmigrations");

    public static RealTool? Drizzle { get; } = Named("MIGRATIONTASKS_DRIZZLE_MIGRATE", ["{dir}"], "drizzle.__drizzle_migrations");

    /// <summary>
    /// Runs the tool's <c>up</c> on <paramref name="database"/> (its URL in DATABASE_URL, which both read),
    /// then drops the tool's history table so the catalogs compare schema only.
    /// </summary>
    public async Task UpAsync(Migrations folder, Testing.TestDatabase database)
    {
        var connection = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        var url = $"postgres://{Uri.EscapeDataString(connection.Username ?? "")}:{Uri.EscapeDataString(connection.Password ?? "")}@{connection.Host}:{connection.Port}/{connection.Database}?sslmode=disable";
        var environment = new Dictionary<string, string> { ["DATABASE_URL"] = url, ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin" };
        var result = await ChildProcess.RunAsync(program, upArguments.Select(a => a.Replace("{dir}", folder.Path, StringComparison.Ordinal)), environment, folder.Path, TimeSpan.FromMinutes(5));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} up failed: {result}");
        }

        await database.ExecuteAsync($"DROP TABLE {historyTable}");
    }

    private static RealTool? Named(string variable, string[] upArguments, string historyTable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } program ? new RealTool(program, upArguments, historyTable) : null;
}
