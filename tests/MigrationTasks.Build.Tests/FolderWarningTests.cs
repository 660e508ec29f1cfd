using MigrationTasks.Build.Tests.Support;

namespace MigrationTasks.Build.Tests;

/// <summary>
/// Migrations that go missing without an error: an empty folder, and a folder named in another case, which Windows
/// and macOS find and Linux (CI, containers) does not. Both are warnings on the project, and publishing an empty bundle warns.
/// </summary>
public sealed class FolderWarningTests
{
    [Test]
    public async Task A_project_with_no_migrations_builds_with_a_warning_on_the_project_and_its_publish_warns_too()
    {
        var project = await TestProject.CreateAsync("NoMigrations");

        var build = await project.BuildAsync();
        var publish = await project.RunAsync("publish", "-c", "Release");

        var csproj = Path.Combine(project.Directory, "NoMigrations.csproj");
        Assert.That(build.ExitCode, Is.Zero, build.ToString());
        Assert.That(build.Output, Does.Contain($"{csproj} : MigrationTasks warning MT1060: no migrations were found in '{project.Migrations}'"), build.ToString());
        Assert.That(publish.ExitCode, Is.Zero, publish.ToString());
        Assert.That(publish.Output, Does.Contain("warning MT1060"), publish.ToString());
    }

    [Test]
    public async Task A_folder_named_in_another_case_is_a_warning_naming_both_spellings()
    {
        var project = await TestProject.CreateAsync("MiscasedFolder");
        project.Migration("0001_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY);");
        Directory.Move(project.Migrations, project.Migrations + ".tmp");
        Directory.Move(project.Migrations + ".tmp", Path.Combine(project.Directory, "Migrations"));

        var build = await project.BuildAsync();

        Assert.That(build.ExitCode, Is.Zero, build.ToString());
        Assert.That(build.Output, Does.Contain($"{Path.Combine(project.Directory, "MiscasedFolder.csproj")} : MigrationTasks warning MT1061: the migrations folder is expected at '{project.Migrations}', but the folder there is named 'Migrations'"),
            build.ToString());
        Assert.That(build.Output, Does.Not.Contain("MT1060"), "one warning says what is wrong");
    }

    [Test]
    public async Task A_migrations_directory_that_names_a_file_fails_the_build_on_the_project()
    {
        // Given a MigrationsDirectory that names a file, not a folder
        var project = await TestProject.CreateAsync("FolderIsAFile", "<MigrationsDirectory>schema.sql</MigrationsDirectory>");
        var file = project.Write("schema.sql", "CREATE TABLE users (id bigint PRIMARY KEY);");

        var build = await project.BuildAsync();

        // Then the build fails saying so, rather than warning that a folder is empty
        Assert.That(build.ExitCode, Is.Not.Zero, build.ToString());
        Assert.That(build.Output, Does.Contain($"{Path.Combine(project.Directory, "FolderIsAFile.csproj")} : MigrationTasks error MT1000: '{file}' is a file, not a folder"), build.ToString());
        Assert.That(build.Output, Does.Not.Contain("MT1060"), build.ToString());
    }

    [Test]
    public async Task A_project_with_migrations_gets_neither_warning()
    {
        var project = await TestProject.CreateAsync("FolderAsExpected");
        project.Migration("0001_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY);");

        var build = await project.BuildAsync();

        Assert.That(build.ExitCode, Is.Zero, build.ToString());
        Assert.That(build.Output, Does.Not.Contain("MT1060").And.Not.Contain("MT1061"), build.ToString());
    }
}
