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
    public async Task Fleet_migrations_that_name_the_tenant_schema_are_verified_in_a_scratch_tenant_schema()
    {
        using var migrations = new Migrations()
            .Add("0001_audit.sql", "CREATE TABLE ${tenant_schema}.audit (note text);")
            .Add("0001_audit.down.sql", "DROP TABLE ${tenant_schema}.audit;")
            .Add("0002_note_index.sql", "CREATE INDEX audit_note ON ${tenant_schema}.audit (note);")
            .Add("0002_note_index.down.sql", "-- forgot the index\nSELECT 1;");

        var result = await Verify(migrations);

        // The placeholder is not sent as written (a syntax error, MT2023): both files run, and the forgotten index is found.
        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.Output, Does.Match(@"0001_audit\s+up, down, up: same schema"));
        Assert.That(result.Error, Does.Contain("MT2020").And.Contain("audit_note").And.Not.Contain("MT2023"));
    }

    [TestCase("0002_u.sql", "CREATE TABLE u (a int);\nCREATE INDEX u_b ON u (b);", "0002_u.sql(2,")]
    [TestCase("0002_u.down.sql", "-- drop it\nDROP TABLE u;\nDROP TABLE missing;", "0002_u.down.sql(3,")]
    public async Task A_file_that_fails_on_the_scratch_database_is_reported_at_its_line(string file, string text, string location)
    {
        using var migrations = WithTable()
            .Add("0002_u.sql", "CREATE TABLE u (a int);")
            .Add("0002_u.down.sql", "DROP TABLE u;")
            .Add(file, text);

        var result = await Verify(migrations);

        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.Error, Does.Contain("MT2023").And.Contain(location));
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

    [TestCase("0001", "Verified 1 migration(s) newer than --from 0001 (2 applied)")]
    [TestCase("0009", "No migration is newer than --from 0009: nothing was round-tripped (2 applied)")]
    public async Task The_summary_counts_only_the_migrations_newer_than_from(string from, string summary)
    {
        using var migrations = new Migrations()
            .Add("0001_create_t.sql", "CREATE TABLE t (a int);")
            .Add("0002_create_u.sql", "CREATE TABLE u (a int);")
            .Add("0002_create_u.down.sql", "DROP TABLE u;");

        var result = await Verify(migrations, "--from", from);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Output + result.Error, Does.Contain(summary).And.Not.Contain("Verified 2"));
    }

    [Test]
    public async Task A_dev_url_that_cannot_be_parsed_is_named_in_its_error_without_its_password()
    {
        using var migrations = WithTable();

        var result = await Tool.RunAsync("verify", "--dir", migrations.Path, "--dev-url", "postgresql://dev:s3cret-dev@127.0.0.1/postgres?sslmode=nah");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("MT4001").And.Contain("--dev-url:"));
        Assert.That(result.Output + result.Error, Does.Not.Contain("s3cret-dev"));
    }

    [Test]
    public async Task A_dev_server_that_does_not_answer_is_told_apart_from_a_user_without_createdb()
    {
        using var migrations = WithTable();

        var result = await Tool.RunAsync("verify", "--dir", migrations.Path, "--dev-url", "postgresql://dev:s3cret-dev@127.0.0.1:1/postgres");

        Assert.That(result.ExitCode, Is.EqualTo(5), result.ToString());
        Assert.That(result.Error, Does.Contain("MT4021").And.Contain("running").And.Not.Contain("CREATEDB"));
        Assert.That(result.Output + result.Error, Does.Not.Contain("s3cret-dev"));
    }

    [Test]
    public async Task A_signal_mid_verify_drops_the_scratch_database()
    {
        using var migrations = new Migrations()
            .Add("0001_slow.sql", "CREATE TABLE t (a int);\nSELECT pg_sleep(60);")
            .Add("0001_slow.down.sql", "DROP TABLE t;");
        using var runner = Tool.Start(null, "verify", "--dir", migrations.Path, "--dev-url", Database.ConnectionString);
        var scratch = await SleepingScratchAsync();

        await Tool.SignalAsync(runner, "TERM");
        var result = await Tool.WaitAsync(runner, TimeSpan.FromMinutes(2));

        Assert.That(result.ExitCode, Is.EqualTo(143), result.ToString());
        Assert.That(await Database.ScalarAsync<bool>($"SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = '{scratch}')"), Is.False, result.ToString());
    }

    // The scratch database whose session sleeps in 0001_slow.
    private async Task<string> SleepingScratchAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var name = await Database.ScalarAsync<string>("SELECT max(datname) FROM pg_stat_activity WHERE datname LIKE 'migrationtasks_verify_%' AND query LIKE 'SELECT pg_sleep(60)%'");
            if (name is not null)
            {
                return name;
            }

            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the migration never reached pg_sleep");
            await Task.Delay(100);
        }
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
