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

    [TestCase("", "error")]
    [TestCase("<WarningsNotAsErrors>MT2150</WarningsNotAsErrors>", "warning")]
    public async Task Treat_warnings_as_errors_makes_a_lint_warning_an_error_unless_it_is_exempted(string exemption, string severity)
    {
        // Given a project that treats warnings as errors, and a migration with a lint warning
        var project = await TestProject.CreateAsync("TreatWarningsAsErrors" + severity, $"<TreatWarningsAsErrors>true</TreatWarningsAsErrors>{exemption}");
        var migration = project.Migration("0001_users.sql", IntKey);

        // When it builds
        var build = await project.BuildAsync();

        // Then the warning is an error, as the compiler's would be, unless WarningsNotAsErrors names it
        Assert.That(build.ExitCode == 0, Is.EqualTo(severity == "warning"), build.ToString());
        Assert.That(build.Output, Does.Contain($"{migration}(1,24): MigrationTasks {severity} MT2150"), build.ToString());
    }
}
