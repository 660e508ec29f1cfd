using MigrationTasks.Build.Tests.Support;

namespace MigrationTasks.Build.Tests;

/// <summary>MigrationsDirectory set to something other than the default folder: the build finds the files and keeps migrations.sum beside them.</summary>
public sealed class MigrationsDirectoryBuildTests
{
    [Test]
    public async Task An_absolute_folder_with_a_space_outside_the_project_keeps_migrations_sum_beside_its_files()
    {
        // Given a project whose migrations live in a shared folder named by its absolute path
        var shared = Path.Combine(TestRun.Root, "shared migrations");
        Directory.CreateDirectory(shared);
        File.WriteAllText(Path.Combine(shared, "0001_users.sql"), "CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);");
        var project = await TestProject.CreateAsync("AbsoluteFolder", $"<MigrationsDirectory>{shared}</MigrationsDirectory>");

        // When it builds
        var build = await project.BuildAsync();

        // Then the migration is recorded in that folder's migrations.sum
        Assert.That(build.ExitCode, Is.Zero, build.ToString());
        Assert.That(File.ReadAllText(Path.Combine(shared, "migrations.sum")), Does.Contain("0001 0001_users.sql sha256:"));
    }
}
