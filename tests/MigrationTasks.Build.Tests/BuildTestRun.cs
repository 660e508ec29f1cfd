using MigrationTasks.Build.Tests.Support;

namespace MigrationTasks.Build.Tests;

/// <summary>Removes this run's temporary projects, feed and package folder once every test has run.</summary>
[SetUpFixture]
public sealed class BuildTestRun
{
    [OneTimeTearDown]
    public void RemoveTemporaryFiles() => TestRun.Delete();
}
