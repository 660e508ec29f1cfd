using MigrationTasks.Build.Tests.Support;
using MigrationTasks.Testing;

namespace MigrationTasks.Build.Tests;

/// <summary>
/// VerifyMigrations: with a dev server in MIGRATION_DEV_URL the package runs `migrations verify` (before
/// `dotnet test`, or on demand), so a down file that does not undo its up file fails the CI build.
/// </summary>
public sealed class VerifyOnTestTests
{
    // The CLI built with these tests stands in for the local tool `dotnet migrations`.
    private static readonly string Tool = $"dotnet &quot;{Path.Combine(AppContext.BaseDirectory, "migrations.dll")}&quot;";

    [Test]
    public async Task A_down_file_that_forgets_an_index_fails_the_verify_target_and_the_dev_url_is_not_echoed()
    {
        // Given a project whose second down file forgets the index its up file creates, and a dev server
        await using var server = await TestDatabase.CreateAsync();
        var project = await TestProject.CreateAsync("VerifiedOnTest", $"<MigrationsToolCommand>{Tool}</MigrationsToolCommand>");
        project.Migration("0001_items.sql", "CREATE TABLE items (id int, name text);");
        project.Migration("0001_items.down.sql", "DROP TABLE items;");
        project.Migration("0002_items_name.sql", "CREATE INDEX items_name ON items (name);");
        project.Migration("0002_items_name.down.sql", "SELECT 1;");

        // When the verify target runs with the server in the environment
        var build = await project.BuildAsync(new Dictionary<string, string> { ["MIGRATION_DEV_URL"] = server.ConnectionString }, "-t:VerifyMigrations");

        // Then the build fails naming the migration and the index, and the connection string is not in the log
        Assert.That(build.ExitCode, Is.Not.Zero, build.ToString());
        Assert.That(build.Output, Does.Contain("MT2020").And.Contain("+ index public.items_name"), build.ToString());
        Assert.That(build.Output, Does.Not.Contain(server.ConnectionString));
    }

    [Test]
    public async Task A_detailed_build_log_does_not_show_the_password_of_the_dev_server()
    {
        // Given a dev server in the environment, and 'true' standing in for the tool
        var project = await TestProject.CreateAsync("VerifiedDetailed", "<MigrationsToolCommand>true</MigrationsToolCommand>");
        project.Migration("0001_items.sql", "CREATE TABLE items (id bigint PRIMARY KEY);");

        // When the verify target runs at detailed verbosity, as a CI job being debugged does
        var build = await project.BuildAsync(new Dictionary<string, string> { ["MIGRATION_DEV_URL"] = "postgres://dev:Pa55-dev-server@db.example/dev" }, "-t:VerifyMigrations", "-v:d");

        // Then the tool ran, and the password is nowhere in the log
        Assert.That(build.ExitCode, Is.Zero, build.ToString());
        Assert.That(build.Output, Does.Contain("true verify --dir"), build.ToString());
        Assert.That(build.Output, Does.Not.Contain("Pa55-dev-server"), build.ToString());
    }

    [Test]
    public async Task Without_a_dev_server_the_verify_target_does_nothing()
    {
        // 'false' as the tool: were the target to run, its Exec would fail the build.
        var project = await TestProject.CreateAsync("NotVerified", "<MigrationsToolCommand>false</MigrationsToolCommand>");
        project.Migration("0001_items.sql", "CREATE TABLE items (id int);");

        var build = await project.BuildAsync("-t:VerifyMigrations");

        Assert.That(build.ExitCode, Is.Zero, build.ToString());
    }
}
