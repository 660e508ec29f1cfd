using MigrationTasks.Build.Tests.Support;

namespace MigrationTasks.Build.Tests;

/// <summary>On CI (CI=true or ContinuousIntegrationBuild=true) migrations.sum is checked, never written.</summary>
public sealed class CiBuildTests
{
    [Test]
    public async Task An_edited_recorded_migration_fails_a_ci_build_naming_the_file()
    {
        var project = await TestProject.CreateAsync("EditedOnCi");
        var edited = project.Migration("0001_users.sql", "CREATE TABLE users (id int);");
        project.Migration("0002_orders.sql", "CREATE TABLE orders (id int);");
        SumFiles.Record(project, "0001_users.sql", "0002_orders.sql");
        var recorded = File.ReadAllText(project.SumFile);
        project.Migration("0001_users.sql", "CREATE TABLE users (id bigint);");

        var build = await project.BuildAsync(new Dictionary<string, string> { ["CI"] = "true" });

        Assert.That(build.ExitCode, Is.Not.Zero);
        Assert.That(build.Output, Does.Contain($"{edited} : MigrationTasks error MT1014: '0001_users.sql' was changed after it was recorded"), build.ToString());
        Assert.That(File.ReadAllText(project.SumFile), Is.EqualTo(recorded));
    }

    [Test]
    public async Task A_new_unrecorded_migration_fails_a_continuous_integration_build_and_is_not_written()
    {
        var project = await TestProject.CreateAsync("NewOnCi", "<ContinuousIntegrationBuild>true</ContinuousIntegrationBuild>");
        project.Migration("0001_users.sql", "CREATE TABLE users (id int);");
        SumFiles.Record(project, "0001_users.sql");
        var recorded = File.ReadAllText(project.SumFile);
        project.Migration("0002_orders.sql", "CREATE TABLE orders (id int);");

        var build = await project.BuildAsync();

        Assert.That(build.ExitCode, Is.Not.Zero);
        Assert.That(build.Output, Does.Contain($"{project.SumFile} : MigrationTasks error MT1016: migrations.sum is out of date: it does not record 0002_orders.sql"), build.ToString());
        Assert.That(File.ReadAllText(project.SumFile), Is.EqualTo(recorded));
    }
}
