namespace MigrationTasks.Testing;

/// <summary>
/// Stops the run's throwaway PostgreSQL cluster when the test assembly finishes. NUnit only
/// honours a [SetUpFixture] declared in the test assembly itself, so each test project adds:
/// <code>[SetUpFixture] public sealed class PostgresSetUp : PostgresRunFixture;</code>
/// The server itself starts lazily, so assemblies that never touch a database pay nothing.
/// </summary>
public abstract class PostgresRunFixture
{
    [OneTimeTearDown]
    public Task StopTestDatabaseServerAsync() => TestDatabaseServer.StopAsync();
}
