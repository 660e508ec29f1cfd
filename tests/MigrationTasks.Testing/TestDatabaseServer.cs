// The one PostgreSQL server a test run creates its databases on (ServerChoice): MIGRATIONTASKS_TEST_DB
// when set, otherwise a throwaway cluster from the local server programs, otherwise a throwaway
// container when a Docker engine answers; started on first use and stopped at the end of the run.
namespace MigrationTasks.Testing;

public static class TestDatabaseServer
{
    public const string EnvironmentVariable = "MIGRATIONTASKS_TEST_DB";

    private static readonly Lock Sync = new();
    private static Task<(string? ConnectionString, IAsyncDisposable? Server, string? Failure)>? Server;

    /// <summary>
    /// An admin connection string (database <c>postgres</c>) to a server where tests may create
    /// databases. Marks the test ignored when there is none, or throws when CI=true.
    /// </summary>
    public static async Task<string> GetAdminConnectionStringAsync()
    {
        Task<(string?, IAsyncDisposable?, string?)> pending;
        lock (Sync)
        {
            // Started once per process and shared; a failure is remembered so every test
            // reports it at once instead of running initdb again.
            pending = Server ??= StartAsync();
        }

        var (connectionString, _, failure) = await pending;
        return connectionString ?? throw ServerUnavailable.Report(failure!);
    }

    /// <summary>Stops and deletes the throwaway cluster, if this run started one.</summary>
    public static async Task StopAsync()
    {
        Task<(string?, IAsyncDisposable? Server, string?)>? pending;
        lock (Sync)
        {
            pending = Server;
            Server = null;
        }

        if (pending is not null && (await pending).Server is { } started)
        {
            await started.DisposeAsync();
        }
    }

    private static async Task<(string?, IAsyncDisposable?, string?)> StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        var source = ServerChoice.Choose(!string.IsNullOrWhiteSpace(configured), PostgresBinaries.Find() is not null, DockerEngine.Answers,
            Environment.GetEnvironmentVariable(ServerChoice.OverrideVariable));
        try
        {
            switch (source)
            {
                case ServerSource.Configured:
                    // An explicitly configured server that is wrong is an error, never a skip.
                    return (ServerAddress.ToConnectionString(configured ?? throw new InvalidOperationException(EnvironmentVariable + " is not set")), null, null);
                case ServerSource.LocalCluster:
                    var cluster = await ThrowawayCluster.CreateAsync();
                    return (cluster.ConnectionString(), cluster, null);
                case ServerSource.Container:
                    var (connectionString, container) = await PostgresContainer.StartAsync();
                    return (connectionString, container, null);
                default:
                    return (null, null, ServerChoice.NoneFound);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException
                                       or System.ComponentModel.Win32Exception or TimeoutException)
        {
            return (null, null, $"starting the {source} server failed: " + e.Message);
        }
    }
}
