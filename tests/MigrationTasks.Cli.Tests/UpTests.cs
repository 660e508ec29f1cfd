using MigrationTasks.Cli.Tests.Support;
using MigrationTasks.Testing;

namespace MigrationTasks.Cli.Tests;

public sealed class UpTests
{
    private TestDatabase _database = null!;

    [SetUp]
    public async Task SetUp() => _database = await TestDatabase.CreateAsync();

    [TearDown]
    public async Task TearDown() => await _database.DisposeAsync();

    private Task<CliResult> Up(Migrations migrations, params string[] extra) =>
        Tool.RunAsync(["up", "--dir", migrations.Path, "--connection", _database.ConnectionString, .. extra]);

    [Test]
    public async Task A_deferred_constraint_failing_at_commit_names_the_file_without_a_line_0_or_npgsqls_advice()
    {
        // Given a foreign key checked only at COMMIT, which the migration's row breaks: the server gives no statement or position
        using var migrations = new Migrations().Add("0001_deferred.sql",
            "CREATE TABLE parent (id bigint PRIMARY KEY);\n"
            + "CREATE TABLE child (id bigint, parent_id bigint REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED);\n"
            + "INSERT INTO child VALUES (1, 42);");

        // When up runs, as JSON and as text
        var json = await Up(migrations, "--output", "json");
        var text = await Up(migrations);

        // Then the failure names the file and no line 0 / column 0, and leaves out the connection-string advice meant for Npgsql's users
        Assert.That(json.ExitCode, Is.EqualTo(6), json.ToString());
        var failed = json.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
            .Single(e => e.GetProperty("event").GetString() == "migration_failed");
        Assert.That(failed.GetProperty("file").GetString(), Does.EndWith("0001_deferred.sql"));
        Assert.That(failed.TryGetProperty("line", out _) || failed.TryGetProperty("column", out _), Is.False, failed.ToString());
        Assert.That(failed.GetProperty("message").GetString(), Does.Contain("23503").And.Not.Contain("Include Error Detail").And.Not.Contain("redacted"));
        Assert.That(text.ExitCode, Is.EqualTo(6), text.ToString());
        Assert.That(text.Error, Does.Contain("MT3003").And.Not.Contain("Include Error Detail").And.Not.Contain("(0,0)"));
    }

    [Test]
    public async Task Up_from_empty_applies_every_migration_and_records_it()
    {
        using var migrations = Migrations.Basic();

        var result = await Up(migrations);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(await _database.ScalarAsync<string>("SELECT email FROM users"), Is.EqualTo("ada@example.com"));
        Assert.That(await _database.ScalarAsync<long>("SELECT count(*) FROM migrationtasks_history WHERE status = 'applied'"), Is.EqualTo(3));
        Assert.That(result.Output, Does.Contain("0001_create_users").And.Contain("0003_seed_user").And.Contain("Applied 3 migrations"));
    }

    [Test]
    public async Task Steps_apply_only_the_first_pending_migrations_and_plan_previews_them()
    {
        using var migrations = Migrations.Basic();
        await Up(migrations, "--steps", "1");

        var plan = await Tool.RunAsync("plan", "--steps", "1", "--dir", migrations.Path, "--connection", _database.ConnectionString);
        var result = await Up(migrations, "--steps", "1");

        // golang-migrate's "up N": one at a time, in order; the third stays pending
        Assert.That(plan.ExitCode, Is.Zero, plan.ToString());
        Assert.That(plan.Output, Does.Contain("Plan: 1 migration would be applied").And.Contain("0002_create_orders").And.Not.Contain("0003_seed_user"));
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Contain("Applied 1 migration"));
        Assert.That(await _database.ScalarAsync<string>("SELECT string_agg(version::text, ',' ORDER BY version) FROM migrationtasks_history"), Is.EqualTo("1,2"));
    }

    [TestCase("--steps", "0")]
    [TestCase("--steps", "1", "--target", "3")]
    public async Task Steps_below_one_or_with_a_target_are_a_usage_error_that_changes_nothing(params string[] extra)
    {
        using var migrations = Migrations.Basic();

        var result = await Up(migrations, extra);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("MT4002").And.Contain("--steps"));
        Assert.That(await _database.TableExistsAsync("public", "users"), Is.False);
    }

    [Test]
    public async Task History_records_version_name_checksum_and_who_applied_it()
    {
        using var migrations = Migrations.Basic();

        await Up(migrations);

        Assert.That(await _database.ScalarAsync<string>("SELECT name || ' ' || checksum || ' ' || transactional || ' ' || (applied_by = current_user) FROM migrationtasks_history WHERE version = 1"),
            Does.Match("^create_users sha256:[0-9a-f]{64} true true$"));
    }

    [Test]
    public async Task A_second_up_is_a_no_op()
    {
        using var migrations = Migrations.Basic();
        await Up(migrations);

        var result = await Up(migrations);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Contain("Nothing to do"));
        Assert.That(await _database.ScalarAsync<long>("SELECT count(*) FROM users"), Is.EqualTo(1));
    }

    [Test]
    public async Task An_edited_applied_migration_is_refused_with_exit_3()
    {
        using var migrations = Migrations.Basic();
        await Up(migrations);
        migrations.Add("0003_seed_user.sql", "INSERT INTO users VALUES (2, 'grace@example.com');");
        migrations.Add("0004_more.sql", "CREATE TABLE more (id int);");

        var result = await Up(migrations);

        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.Error, Does.Contain("MT2001").And.Contain("0003_seed_user.sql").And.Contain("recorded sha256:"));
        Assert.That(await _database.TableExistsAsync("public", "more"), Is.False);
    }

    [Test]
    public async Task An_out_of_order_file_is_refused_with_exit_3()
    {
        using var migrations = new Migrations().Add("0001_a.sql", "SELECT 1;").Add("0003_c.sql", "SELECT 3;");
        await Up(migrations);
        migrations.Add("0002_merged_late.sql", "CREATE TABLE late (id int);");

        var result = await Up(migrations);

        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.Error, Does.Contain("MT2003").And.Contain("0002_merged_late.sql"));
        Assert.That(await _database.TableExistsAsync("public", "late"), Is.False);
    }

    [Test]
    public async Task A_failing_migration_leaves_neither_its_changes_nor_a_history_row()
    {
        using var migrations = new Migrations()
            .Add("0001_ok.sql", "CREATE TABLE ok (id int);")
            .Add("0002_broken.sql", "CREATE TABLE half (id int);\nINSERT INTO half VALUES (1);\nSELECT *\n  FROM no_such_table;\n");

        var result = await Up(migrations);

        Assert.That(result.ExitCode, Is.EqualTo(6), result.ToString());
        Assert.That(await _database.TableExistsAsync("public", "ok"), Is.True);
        Assert.That(await _database.TableExistsAsync("public", "half"), Is.False);
        Assert.That(await _database.ScalarAsync<long>("SELECT count(*) FROM migrationtasks_history WHERE version = 2"), Is.Zero);
    }

    [Test]
    public async Task A_failure_shows_file_line_column_sqlstate_and_a_caret()
    {
        using var migrations = new Migrations()
            .Add("0001_broken.sql", "-- header\nCREATE TABLE a (id int);\nSELECT *\n  FROM no_such_table;\n");

        var result = await Up(migrations);

        Assert.That(result.Error, Does.Contain("0001_broken.sql(4,8): error MT3003").And.Contain("42P01"));
        Assert.That(result.Error, Does.Contain("4 |   FROM no_such_table;\n").And.Contain("\n           ^"));
    }

    [Test]
    public async Task Target_applies_only_up_to_that_version()
    {
        using var migrations = Migrations.Basic();

        var result = await Up(migrations, "--target", "2");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(await _database.ScalarAsync<long>("SELECT count(*) FROM migrationtasks_history"), Is.EqualTo(2));
    }

    [Test]
    public async Task Statements_with_semicolons_in_bodies_and_strings_apply_as_written()
    {
        using var migrations = new Migrations().Add("0001_functions.sql", """
            CREATE FUNCTION add_one(i int) RETURNS int LANGUAGE sql
            BEGIN ATOMIC
                SELECT i + 1;
            END;
            CREATE FUNCTION greet() RETURNS text LANGUAGE plpgsql AS $body$
            BEGIN
                RETURN 'semi;colon -- not a comment';
            END;
            $body$;
            CREATE TABLE "odd;name" (v text DEFAULT E'it\'s');
            """);

        var result = await Up(migrations);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(await _database.ScalarAsync<int>("SELECT add_one(41)"), Is.EqualTo(42));
        Assert.That(await _database.ScalarAsync<string>("SELECT greet()"), Is.EqualTo("semi;colon -- not a comment"));
    }

    [Test]
    public async Task A_no_transaction_migration_runs_statements_that_refuse_transactions()
    {
        using var migrations = new Migrations()
            .Add("0001_table.sql", "CREATE TABLE t (c int);")
            .Add("0002_index.sql", "-- migrate:no-transaction\nCREATE INDEX CONCURRENTLY t_c_idx ON t (c);\nVACUUM t;");

        var result = await Up(migrations);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(await _database.ScalarAsync<bool>("SELECT indisvalid FROM pg_index WHERE indexrelid = 't_c_idx'::regclass"), Is.True);
        Assert.That(await _database.ScalarAsync<string>("SELECT status FROM migrationtasks_history WHERE version = 2"), Is.EqualTo("applied"));
    }

    [Test]
    public async Task A_failed_no_transaction_migration_is_recorded_and_blocks_the_next_run_with_exit_7()
    {
        using var migrations = new Migrations()
            .Add("0001_steps.sql", "-- migrate:no-transaction\nCREATE TABLE s1 (id int);\nCREATE TABLE s2 (id int);\nSELECT 1/0;\nCREATE TABLE s4 (id int);");

        var first = await Up(migrations);
        var second = await Up(migrations);

        Assert.That(first.ExitCode, Is.EqualTo(7), first.ToString());
        Assert.That(first.Error, Does.Contain("MT3004").And.Contain("22012"));
        Assert.That(await _database.ScalarAsync<string>("SELECT status || ':' || failed_statement FROM migrationtasks_history"), Is.EqualTo("failed:2"));
        Assert.That(await _database.TableExistsAsync("public", "s2"), Is.True);
        Assert.That(await _database.TableExistsAsync("public", "s4"), Is.False);
        Assert.That(second.ExitCode, Is.EqualTo(7), second.ToString());
        Assert.That(second.Error, Does.Contain("MT2004").And.Contain("repair"));
    }

    [Test]
    public async Task Per_file_timeouts_are_applied_inside_the_migration_transaction()
    {
        using var migrations = new Migrations()
            .Add("0001_slow.sql", "-- migrate:statement-timeout 100ms\nSELECT pg_sleep(2);");

        var result = await Up(migrations);

        Assert.That(result.ExitCode, Is.EqualTo(6), result.ToString());
        Assert.That(result.Error, Does.Contain("57014"));
    }

    [Test]
    public async Task In_a_run_sent_in_one_round_trip_a_failure_keeps_the_earlier_migrations_and_points_at_its_line()
    {
        using var migrations = new Migrations()
            .Add("0001_a.sql", "CREATE TABLE a (id int);")
            .Add("0002_b.sql", "CREATE TABLE b (id int);")
            .Add("0003_c.sql", "CREATE TABLE c (id int);\nINSERT INTO c VALUES (1);\nINSERT INTO c VALUES ('x');")
            .Add("0004_d.sql", "CREATE TABLE d (id int);")
            .Add("0005_e.sql", "CREATE TABLE e (id int);");

        var result = await Up(migrations);

        Assert.That(result.ExitCode, Is.EqualTo(6), result.ToString());
        Assert.That(result.Error, Does.Contain("0003_c.sql(3,23): error MT3003").And.Contain("22P02"));
        Assert.That(await _database.ScalarAsync<string>("SELECT string_agg(version::text, ',' ORDER BY version) FROM migrationtasks_history"), Is.EqualTo("1,2"));
        Assert.That(await _database.TableExistsAsync("public", "c"), Is.False);
        Assert.That(await _database.TableExistsAsync("public", "d"), Is.False);
        Assert.That(result.Output, Does.Contain("0002_b").And.Not.Contain("0004_d"));
    }

    [Test]
    public async Task Many_small_migrations_are_applied_in_order_each_with_its_own_time()
    {
        using var migrations = Migrations.Numbered(120);

        var result = await Up(migrations, "--output", "json");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(await _database.ScalarAsync<long>("SELECT count(*) FROM migrationtasks_history"), Is.EqualTo(120));
        Assert.That(await _database.ScalarAsync<bool>("SELECT bool_and(applied_at IS NOT NULL) AND max(version) = 120 FROM migrationtasks_history"), Is.True);
        var applied = result.Output.Split('\n').Where(l => l.Contains("\"migration_applied\"", StringComparison.Ordinal)).ToList();
        Assert.That(applied, Has.Count.EqualTo(120));
        Assert.That(applied[0], Does.Contain("\"version\":\"0001\""));
        Assert.That(applied[^1], Does.Contain("\"version\":\"0120\""));
    }

    [Test]
    public async Task A_statement_that_cannot_run_in_a_transaction_beside_others_is_refused_before_anything_runs()
    {
        using var migrations = new Migrations()
            .Add("0001_table.sql", "CREATE TABLE t (c int);")
            .Add("0002_index.sql", "CREATE TABLE u (c int);\nCREATE INDEX CONCURRENTLY t_c_idx ON t (c);");

        var result = await Up(migrations);

        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.Error, Does.Contain("0002_index.sql(2,1): error MT1018").And.Contain("-- migrate:no-transaction"));
        Assert.That(await _database.TableExistsAsync("public", "t"), Is.False);
    }

    [Test]
    public async Task Lint_errors_stop_pending_migrations_but_never_applied_ones()
    {
        // Applied while the rule was off (as after a tool upgrade that adds a rule).
        using var migrations = new Migrations().Add("0001_cleanup.sql", "-- migrate:lock-timeout 5s\nDROP TABLE IF EXISTS legacy;");
        var config = Path.Combine(Path.GetTempPath(), $"mt-lint-off-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(config, "lint:\n  drop-table: off\n");
        var applied = await Up(migrations, "--config", config);
        File.Delete(config);

        var upToDate = await Up(migrations);
        migrations.Add("0002_more_cleanup.sql", "-- migrate:lock-timeout 5s\nDROP TABLE IF EXISTS other;");
        var pending = await Up(migrations);

        Assert.That(applied.ExitCode, Is.Zero, applied.ToString());
        Assert.That(upToDate.ExitCode, Is.Zero, upToDate.ToString());
        Assert.That(upToDate.All, Does.Not.Contain("MT2101"));
        Assert.That(pending.ExitCode, Is.EqualTo(3), pending.ToString());
        Assert.That(pending.Error, Does.Contain("0002_more_cleanup.sql(2,1): error MT2101").And.Not.Contain("0001_cleanup.sql"));
    }
}
