using MigrationTasks.Build.Tests.Support;

namespace MigrationTasks.Build.Tests;

/// <summary>The project's warning settings (WarningsAsErrors, NoWarn, TreatWarningsAsErrors) apply to the MT warnings as to the compiler's.</summary>
public sealed class WarningSettingsBuildTests
{
    private const string IntKey = "CREATE TABLE users (id int PRIMARY KEY);";

    [Test]
    public async Task Turning_a_warning_into_an_error_after_a_clean_build_fails_the_next_build()
    {
        // Given a project whose migration has a lint warning, built once
        var project = await TestProject.CreateAsync("WarningsAsErrorsLater");
        var migration = project.Migration("0001_users.sql", IntKey);
        var first = await project.BuildAsync();

        // When the next build makes that warning an error, with no change to the migrations
        var strict = await project.BuildAsync("-p:WarningsAsErrors=MT2150");

        // Then validation runs again and fails on it
        Assert.That(first.ExitCode, Is.Zero, first.ToString());
        Assert.That(strict.ExitCode, Is.Not.Zero, strict.ToString());
        Assert.That(strict.Output, Does.Contain($"{migration}(1,24): MigrationTasks error MT2150"), strict.ToString());
    }
}
