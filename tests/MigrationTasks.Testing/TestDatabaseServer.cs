// The one PostgreSQL server a test run creates its databases on: MIGRATIONTASKS_TEST_DB when
// set, otherwise a throwaway cluster started on first use and stopped at the end of the run.
namespace MigrationTasks.Testing;

public static class TestDatabaseServer
{
    public const string EnvironmentVariable = "MIGRATIONTASKS_TEST_DB";

    private static readonly Lock Sync = new();
    private static Task<(string? ConnectionString, ThrowawayCluster? Cluster, string? Failure)>? server;

    /// <summary>
    /// An admin connection string (database <c>postgres</c>) to a server where tests may create
    /// databases. Marks the test ignored when there is none, or throws when CI=true.
    /// </summary>
    public static async Task<string> GetAdminConnectionStringAsync()
    {
        Task<(string?, ThrowawayCluster?, string?)> pending;
        lock (Sync)
        {
            // Started once per process and shared; a failure is remembered so every test
            // reports it at once instead of running initdb again.
            pending = server ??= StartAsync();
        }

        var (connectionString, _, failure) = await pending;
        return connectionString ?? throw ServerUnavailable.Report(failure!);
    }

    /// <summary>Stops and deletes the throwaway cluster, if this run started one.</summary>
    public static async Task StopAsync()
    {
        Task<(string?, ThrowawayCluster? Cluster, string?)>? pending;
        lock (Sync)
        {
            pending = server;
            server = null;
        }

        if (pending is not null && (await pending).Cluster is { } cluster)
        {
            await cluster.DisposeAsync();
        }
    }

    private static async Task<(string?, ThrowawayCluster?, string?)> StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            // An explicitly configured server that is wrong is an error, never a skip.
            return (ServerAddress.ToConnectionString(configured), null, null);
        }

        if (PostgresBinaries.Find() is null)
        {
            return (null, null, "initdb and pg_ctl were found neither on PATH nor under /usr/lib/postgresql/*/bin (nor in MIGRATIONTASKS_PG_BIN when set).");
        }

        try
        {
            var cluster = await ThrowawayCluster.CreateAsync();
            return (cluster.ConnectionString(), cluster, null);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException
                                       or System.ComponentModel.Win32Exception)
        {
            return (null, null, "starting a throwaway cluster failed: " + e.Message);
        }
    }
}
