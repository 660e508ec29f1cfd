// Which PostgreSQL server a test run uses, in the order the design names: a configured server, the
// local server programs, a container when a Docker engine answers. Pure, so the order is unit-tested.
namespace MigrationTasks.Testing;

public enum ServerSource
{
    /// <summary>MIGRATIONTASKS_TEST_DB: a server where the tests may create databases.</summary>
    Configured,

    /// <summary>A throwaway cluster started from the local initdb and pg_ctl.</summary>
    LocalCluster,

    /// <summary>A throwaway container through Testcontainers.PostgreSql.</summary>
    Container,
}

public static class ServerChoice
{
    /// <summary>Forces one source (configured, local or container), e.g. to prove the container path where local programs exist too.</summary>
    public const string OverrideVariable = "MIGRATIONTASKS_TEST_SERVER";

    /// <summary>The source to use, or null when none is available.</summary>
    /// <param name="configured">MIGRATIONTASKS_TEST_DB is set.</param>
    /// <param name="localPrograms">initdb and pg_ctl were found.</param>
    /// <param name="dockerAnswers">Asked only when the first two are missing: whether a Docker engine answers.</param>
    /// <param name="forced">The value of <see cref="OverrideVariable"/>, when set.</param>
    public static ServerSource? Choose(bool configured, bool localPrograms, Func<bool> dockerAnswers, string? forced = null)
    {
        if (!string.IsNullOrEmpty(forced))
        {
            return forced.ToLowerInvariant() switch
            {
                "configured" => ServerSource.Configured,
                "local" => ServerSource.LocalCluster,
                "container" => ServerSource.Container,
                _ => throw new InvalidOperationException($"{OverrideVariable}={forced}: expected configured, local or container"),
            };
        }

        return configured ? ServerSource.Configured
            : localPrograms ? ServerSource.LocalCluster
            : dockerAnswers() ? ServerSource.Container
            : null;
    }

    /// <summary>What was looked for, for the message of a run that found no server.</summary>
    public const string NoneFound =
        TestDatabaseServer.EnvironmentVariable + " is not set, initdb and pg_ctl were found neither on PATH nor under " +
        "/usr/lib/postgresql/*/bin (nor in " + PostgresBinaries.DirectoryVariable + " when set), and no Docker engine " +
        "answered for a Testcontainers.PostgreSql container.";
}
