// The third source of a test server: a throwaway PostgreSQL container through Testcontainers, for
// machines with a Docker engine and no local server programs (the GitHub workflow proves this path).
using Testcontainers.PostgreSql;

namespace MigrationTasks.Testing;

internal static class PostgresContainer
{
    /// <summary>Starts a container and returns its admin connection string (database postgres) and the container to dispose.</summary>
    public static async Task<(string ConnectionString, IAsyncDisposable Container)> StartAsync()
    {
        var image = Environment.GetEnvironmentVariable("MIGRATIONTASKS_TEST_IMAGE") is { Length: > 0 } pinned ? pinned : "postgres:17-alpine";
        var container = new PostgreSqlBuilder(image).WithDatabase("postgres").Build();
        await container.StartAsync();
        return (container.GetConnectionString(), container);
    }
}
