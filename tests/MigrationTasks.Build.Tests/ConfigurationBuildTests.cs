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

    [Test]
    public async Task With_engine_sqlite_an_alter_column_fails_the_build_with_the_table_recreation_recipe()
    {
        var project = await TestProject.CreateAsync("SqliteAlterColumn");
        project.Migration("0001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, [name] TEXT);");
        var alter = project.Migration("0002_widen.sql", "ALTER TABLE users ALTER COLUMN name TYPE varchar(200);");
        project.Write("migrations.yaml", "engine: sqlite\n");

        var build = await project.BuildAsync();

        Assert.That(build.ExitCode, Is.Not.Zero, build.ToString());
        Assert.That(build.Output, Does.Contain($"{alter}(1,1): MigrationTasks error MT1040: SQLite cannot alter a column").And.Contain("PRAGMA foreign_key_check"), build.ToString());
        Assert.That(build.Output, Does.Not.Contain("MT2150"), "PostgreSQL's int-key rule does not judge SQLite files");
    }

    [Test]
    public async Task With_engine_sqlite_a_postgresql_timeout_directive_is_a_build_warning_at_the_directive()
    {
        var project = await TestProject.CreateAsync("SqliteTimeoutDirective");
        var migration = project.Migration("0001_users.sql", "-- migrate:lock-timeout 5s\nCREATE TABLE users (id INTEGER PRIMARY KEY);");
        project.Write("migrations.yaml", "engine: sqlite\n");

        var build = await project.BuildAsync();

        Assert.That(build.ExitCode, Is.Zero, build.ToString());
        Assert.That(build.Output, Does.Contain($"{migration}(1,4): MigrationTasks warning MT2030: '-- migrate:lock-timeout' sets a PostgreSQL timeout and is ignored on SQLite"), build.ToString());
    }
}
