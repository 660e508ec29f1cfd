using MigrationTasks.Build.Tests.Support;

namespace MigrationTasks.Build.Tests;

/// <summary>migrations.yaml is checked by the build as strictly as by the runner: Core reads and validates it for both.</summary>
public sealed class ConfigurationBuildTests
{
    [Test]
    public async Task An_out_of_range_retry_attempts_fails_the_build_at_its_line()
    {
        var project = await TestProject.CreateAsync("BadRetryAttempts");
        project.Migration("0001_users.sql", "CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);");
        var config = project.Write("migrations.yaml", "retry:\n  attempts: 0\n");

        var build = await project.BuildAsync();

        Assert.That(build.ExitCode, Is.Not.Zero, build.ToString());
        Assert.That(build.Output, Does.Contain($"{config}(2,13): MigrationTasks error MT4003: 'retry.attempts' must be between 1 and 100"), build.ToString());
    }
}
