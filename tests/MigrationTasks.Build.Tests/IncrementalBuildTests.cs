using MigrationTasks.Build.Tests.Support;

namespace MigrationTasks.Build.Tests;

/// <summary>A build skips validation only when nothing that decides its outcome changed, including files that went away.</summary>
public sealed class IncrementalBuildTests
{
    [Test]
    public async Task A_deleted_migrations_sum_is_written_again_by_the_next_build()
    {
        // Given a project built once, whose migrations.sum is then deleted (as MT1011's next step says)
        var project = await TestProject.CreateAsync("SumDeleted");
        project.Migration("0001_users.sql", "CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);");
        var first = await project.BuildAsync();
        var recorded = File.ReadAllText(project.SumFile);
        File.Delete(project.SumFile);

        // When it builds again with no change to the migrations
        var second = await project.BuildAsync();

        // Then validation runs and writes the file again
        Assert.That(first.ExitCode, Is.Zero, first.ToString());
        Assert.That(second.ExitCode, Is.Zero, second.ToString());
        Assert.That(File.Exists(project.SumFile) ? File.ReadAllText(project.SumFile) : "(no file)", Is.EqualTo(recorded), second.ToString());
    }
}
