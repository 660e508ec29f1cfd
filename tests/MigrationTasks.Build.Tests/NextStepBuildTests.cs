using MigrationTasks.Build.Tests.Support;

namespace MigrationTasks.Build.Tests;

/// <summary>
/// The engine names the next step (add a migration, rewrite migrations.sum); a build user reads it as what a build
/// user runs: the build target, or the `migrations` tool as a project runs it, never the CLI's bare spelling.
/// </summary>
public sealed class NextStepBuildTests
{
    [Test]
    public async Task A_project_with_no_migrations_is_told_to_add_one_with_the_local_tool()
    {
        var project = await TestProject.CreateAsync("NoMigrationsStep");

        var build = await project.BuildAsync();

        Assert.That(build.ExitCode, Is.Zero, build.ToString());
        Assert.That(build.Output, Does.Contain("MT1060").And.Contain("Add one with 'dotnet migrations new <name>', or point the migrations folder"), build.ToString());
    }

    [Test]
    public async Task An_out_of_date_sum_on_ci_is_told_to_build_locally_or_run_the_update_target_only()
    {
        var project = await TestProject.CreateAsync("OutOfDateStep", "<ContinuousIntegrationBuild>true</ContinuousIntegrationBuild>");
        project.Migration("0001_users.sql", "CREATE TABLE users (id int);");
        SumFiles.Record(project, "0001_users.sql");
        project.Migration("0002_orders.sql", "CREATE TABLE orders (id int);");

        var build = await project.BuildAsync();

        Assert.That(build.ExitCode, Is.Not.Zero);
        Assert.That(build.Output, Does.Contain("MT1016").And.Contain("build locally (or run 'dotnet build -t:UpdateMigrationsSum') and commit migrations.sum"), build.ToString());
        Assert.That(build.Output, Does.Not.Contain("'migrations hash'"), build.ToString());
    }
}
