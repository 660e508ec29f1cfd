using System.Text.RegularExpressions;
using MigrationTasks.Cli.Tests.Support;

namespace MigrationTasks.Cli.Tests;

/// <summary><c>migrations verify --dev-url</c>: up, down, up on a scratch database; a down that does not undo its up is exit 3.</summary>
public sealed partial class VerifyTests : DatabaseTest
{
    // The test database's server is the dev server; the scratch database is created beside it.
    private Task<CliResult> Verify(Migrations migrations, params string[] args) =>
        Tool.RunAsync(["verify", "--dir", migrations.Path, "--dev-url", Database.ConnectionString, .. args]);

    private static Migrations WithTable() => new Migrations()
        .Add("0001_create_t.sql", "CREATE TABLE t (a int, b text);")
        .Add("0001_create_t.down.sql", "DROP TABLE t;");

    [GeneratedRegex(@"scratch database (\S+) \(")]
    private static partial Regex ScratchName();

    private async Task<bool> DatabaseExistsAsync(CliResult result) =>
        await Database.ScalarAsync<bool>($"SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = '{ScratchName().Match(result.Output).Groups[1].Value}')");

    [Test]
    public async Task A_down_file_that_undoes_its_up_file_passes_and_the_scratch_database_is_dropped()
    {
        using var migrations = WithTable()
            .Add("0002_index_a.sql", "CREATE INDEX t_a ON t (a);\nALTER TABLE t ADD c int DEFAULT 0;")
            .Add("0002_index_a.down.sql", "ALTER TABLE t DROP COLUMN c;\nDROP INDEX t_a;");

        var result = await Verify(migrations);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Output, Does.Contain("0002_index_a").And.Contain("up, down, up: same schema"));
        Assert.That(await DatabaseExistsAsync(result), Is.False);
        Assert.That(await Database.TableExistsAsync("public", "t"), Is.False, "the dev server's own database is not touched");
    }

    [Test]
    public async Task A_down_file_that_forgets_an_index_fails_naming_the_index()
    {
        using var migrations = WithTable()
            .Add("0002_index_a.sql", "CREATE INDEX t_a ON t (a);")
            .Add("0002_index_a.down.sql", "-- forgot the index\nSELECT 1;");

        var result = await Verify(migrations);

        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.Error, Does.Contain("MT2020").And.Contain("0002_index_a.down.sql").And.Contain("+ index public.t_a"));
    }

    [Test]
    public async Task A_no_op_down_of_an_added_enum_value_fails()
    {
        using var migrations = new Migrations()
            .Add("0001_mood.sql", "CREATE TYPE mood AS ENUM ('happy', 'sad');")
            .Add("0001_mood.down.sql", "DROP TYPE mood;")
            .Add("0002_meh.sql", "ALTER TYPE mood ADD VALUE 'meh';")
            .Add("0002_meh.down.sql", "-- enum values cannot be removed\nSELECT 1;");

        var result = await Verify(migrations);

        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.Error, Does.Contain("MT2020").And.Contain("~ enum public.mood (labels)"));
    }

    [Test]
    public async Task A_migration_without_a_down_file_is_reported_irreversible()
    {
        using var migrations = WithTable().Add("0002_seed.sql", "INSERT INTO t VALUES (1, 'x');");

        var result = await Verify(migrations);

        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.Error, Does.Contain("MT2022").And.Contain("0002_seed has no down file"));
    }

    [Test]
    public async Task Irreversible_migrations_allowed_in_migrations_yaml_are_a_warning()
    {
        using var migrations = WithTable().Add("0002_seed.sql", "INSERT INTO t VALUES (1, 'x');");
        var config = Path.Combine(migrations.Path, "migrations.yaml");
        await File.WriteAllTextAsync(config, "verify:\n  allow_irreversible: true\n");

        var result = await Verify(migrations, "--config", config);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Error, Does.Contain("warning MT2022"));
    }

    [Test]
    public async Task From_checks_only_newer_migrations_and_keep_leaves_the_scratch_database()
    {
        using var migrations = new Migrations()
            .Add("0001_create_t.sql", "CREATE TABLE t (a int);")
            .Add("0002_create_u.sql", "CREATE TABLE u (a int);")
            .Add("0002_create_u.down.sql", "DROP TABLE u;");

        var result = await Verify(migrations, "--from", "0001", "--keep");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(await DatabaseExistsAsync(result), Is.True);
        await Database.ExecuteAsync($"DROP DATABASE \"{ScratchName().Match(result.Output).Groups[1].Value}\" WITH (FORCE)");
    }

    [Test]
    public async Task Without_a_dev_server_it_is_exit_2_saying_how_to_give_one()
    {
        using var migrations = WithTable();

        var result = await Tool.RunAsync("verify", "--dir", migrations.Path);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("MT4020").And.Contain("--dev-url"));
    }

    // Not being able to reach the server is not a missing CREATEDB: the next step must be about the address.
    [Test]
    public async Task An_unreachable_dev_server_is_named_with_the_next_step_about_its_address()
    {
        using var migrations = WithTable();

        var result = await Tool.RunAsync("verify", "--dir", migrations.Path, "--dev-url", "host=127.0.0.1 port=1 user=app connect_timeout=1", "--timeout", "3");

        Assert.That(result.ExitCode, Is.EqualTo(5), result.ToString());
        Assert.That(result.Error, Does.Contain("MT4021").And.Contain("127.0.0.1:1").And.Contain("--dev-url").And.Not.Contain("CREATEDB"));
    }
}
