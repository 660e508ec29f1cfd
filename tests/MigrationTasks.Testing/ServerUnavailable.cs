// One policy for "no PostgreSQL here": skip locally with a hint, fail in CI (never skip there).
namespace MigrationTasks.Testing;

internal static class ServerUnavailable
{
    public static bool IsContinuousIntegration
    {
        get
        {
            var ci = Environment.GetEnvironmentVariable("CI");
            return string.Equals(ci, "true", StringComparison.OrdinalIgnoreCase) || ci == "1";
        }
    }

    public static Exception Report(string reason)
    {
        var message =
            $"No PostgreSQL server for the database tests: {reason}\n" +
            "Install the server (Debian/Ubuntu: apt-get install postgresql; the tests start their own " +
            "throwaway cluster from its initdb/pg_ctl) or set " + TestDatabaseServer.EnvironmentVariable +
            " to a server where the tests may create databases, e.g. " +
            "\"Host=127.0.0.1;Port=5432;Username=postgres;Password=...\" or postgres://user:pass@host:5432/postgres, " +
            "or run a Docker engine (the tests then start a container through Testcontainers.PostgreSql).";
        if (IsContinuousIntegration)
        {
            return new InvalidOperationException(message + "\nCI=true: failing instead of skipping.");
        }

        Assert.Ignore(message);
        return new InvalidOperationException(message); // not reached: Assert.Ignore throws.
    }
}
