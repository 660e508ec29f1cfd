using MigrationTasks.Build.Tests.Support;

namespace MigrationTasks.Build.Tests;

/// <summary>
/// On a .NET Framework MSBuild the task assembly cannot load. No such MSBuild runs here, so the test
/// sets the targets' private runtime-type indirection to what that MSBuild reports ("Full").
/// </summary>
public sealed class UnsupportedMsBuildTests
{
    [Test]
    public async Task A_dotnet_framework_msbuild_gets_one_clear_error_and_no_type_load_failure()
    {
        var project = await TestProject.CreateAsync("OldMsBuild");
        project.Migration("0001_users.sql", "CREATE TABLE users (id int);");

        var build = await project.BuildAsync("-p:_MTRuntimeType=Full");

        Assert.That(build.ExitCode, Is.Not.Zero);
        Assert.That(build.Output, Does.Contain("error MT4100: MigrationTasks runs in the .NET SDK's MSBuild"), build.ToString());
        Assert.That(build.Output, Does.Not.Contain("MSB4062").And.Not.Contain("MSB4036").And.Not.Contain("TypeLoad"), build.ToString());
        Assert.That(build.Output.Split("error MT4100").Length - 1, Is.LessThanOrEqualTo(2), "one error (MSBuild repeats errors in its summary)");
    }
}
