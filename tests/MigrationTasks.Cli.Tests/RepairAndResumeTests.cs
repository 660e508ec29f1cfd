using MigrationTasks.Cli.Tests.Support;

namespace MigrationTasks.Cli.Tests;

/// <summary>Recovering from a no-transaction migration that failed halfway, and from an edited applied migration.</summary>
public sealed class RepairAndResumeTests : DatabaseTest
{
    private const string FailsAtThird = "-- migrate:no-transaction\nCREATE TABLE s1 (id int);\nCREATE TABLE s2 (id int);\nINSERT INTO s_missing VALUES (1);\nCREATE TABLE s4 (id int);\n";

    [Test]
    public async Task A_no_transaction_migration_failing_at_its_third_statement_is_recorded_and_blocks_the_next_run()
    {
        using var migrations = new Migrations().Add("0001_steps.sql", FailsAtThird);

        var first = await Run(migrations, "up");
        var second = await Run(migrations, "up");

        Assert.That(first.ExitCode, Is.EqualTo(7), first.ToString());
        Assert.That(first.Error, Does.Contain("0001_steps.sql(4,").And.Contain("42P01"));
        Assert.That(await Database.ScalarAsync<string>("SELECT status || ':' || failed_statement FROM migrationtasks_history"), Is.EqualTo("failed:2"));
        Assert.That(await Database.TableExistsAsync("public", "s2"), Is.True);
        Assert.That(second.ExitCode, Is.EqualTo(7), second.ToString());
        Assert.That(second.Error, Does.Contain("MT2004").And.Contain("--resume"));
    }

    [Test]
    public async Task Resume_continues_from_the_failed_statement_once_it_is_fixed()
    {
        using var migrations = new Migrations().Add("0001_steps.sql", FailsAtThird);
        await Run(migrations, "up");
        migrations.Add("0001_steps.sql", FailsAtThird.Replace("INSERT INTO s_missing VALUES (1)", "CREATE TABLE s3 (id int)", StringComparison.Ordinal));

        var result = await Run(migrations, "up", "--resume");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(await Database.TableExistsAsync("public", "s3"), Is.True);
        Assert.That(await Database.TableExistsAsync("public", "s4"), Is.True);
        Assert.That(await Database.ScalarAsync<string>("SELECT status || ':' || coalesce(failed_statement, -1) FROM migrationtasks_history"), Is.EqualTo("applied:-1"));
        Assert.That((await Run(migrations, "status")).ExitCode, Is.Zero);
    }

    [Test]
    public async Task Resume_is_refused_when_a_statement_before_the_failed_one_was_edited()
    {
        using var migrations = new Migrations().Add("0001_steps.sql", FailsAtThird);
        await Run(migrations, "up");
        migrations.Add("0001_steps.sql", FailsAtThird.Replace("CREATE TABLE s1 (id int)", "CREATE TABLE s1 (id bigint)", StringComparison.Ordinal));

        var result = await Run(migrations, "up", "--resume");

        Assert.That(result.ExitCode, Is.EqualTo(7), result.ToString());
        Assert.That(result.Error, Does.Contain("MT2007").And.Contain("edited"));
        Assert.That(await Database.TableExistsAsync("public", "s4"), Is.False);
    }

    [Test]
    public async Task Repair_clears_the_failed_row_so_a_fixed_migration_can_run_again()
    {
        using var migrations = new Migrations().Add("0001_steps.sql", FailsAtThird);
        await Run(migrations, "up");
        await Database.ExecuteAsync("DROP TABLE s1, s2");
        migrations.Add("0001_steps.sql", FailsAtThird.Replace("INSERT INTO s_missing VALUES (1)", "CREATE TABLE s3 (id int)", StringComparison.Ordinal));

        var repair = await Run(migrations, "repair");
        var up = await Run(migrations, "up");

        Assert.That(repair.ExitCode, Is.Zero, repair.ToString());
        Assert.That(repair.Output, Does.Contain("cleared the failed row of 0001_steps"));
        Assert.That(up.ExitCode, Is.Zero, up.ToString());
        Assert.That(await Database.TableExistsAsync("public", "s4"), Is.True);
        Assert.That(await Database.ScalarAsync<string>("SELECT string_agg(action || ':' || outcome, ' ' ORDER BY id) FROM migrationtasks_history_audit"),
            Is.EqualTo("up:failed repair:succeeded up:succeeded"));
    }

    [Test]
    public async Task A_failed_concurrent_index_build_names_the_invalid_index_and_how_to_drop_it()
    {
        using var migrations = new Migrations()
            .Add("0001_data.sql", "CREATE TABLE d (v int);\nINSERT INTO d VALUES (1), (1);")
            .Add("0002_unique.sql", "-- migrate:no-transaction\nCREATE UNIQUE INDEX CONCURRENTLY d_v_key ON d (v);");

        var up = await Run(migrations, "up");
        var repair = await Run(migrations, "repair");

        Assert.That(up.ExitCode, Is.EqualTo(7), up.ToString());
        Assert.That(up.Error, Does.Contain("INVALID index(es) public.d_v_key").And.Contain("DROP INDEX CONCURRENTLY public.d_v_key;"));
        Assert.That(repair.All, Does.Contain("MT3007").And.Contain("DROP INDEX CONCURRENTLY public.d_v_key;"));
    }

    [Test]
    public async Task Accept_checksum_re_records_an_edited_migration_and_lists_it()
    {
        using var migrations = Migrations.Basic();
        await Run(migrations, "up");
        migrations.Add("0002_create_orders.sql", "-- reformatted\nCREATE TABLE orders (id int PRIMARY KEY, user_id int REFERENCES users (id));");
        migrations.Add("0003_seed_user.sql", "-- reformatted\nINSERT INTO users VALUES (1, 'ada@example.com');");
        var drifted = await Run(migrations, "up");

        var repair = await Run(migrations, "repair", "--accept-checksum", "2", "--accept-checksum", "3");
        var up = await Run(migrations, "up");

        Assert.That(drifted.ExitCode, Is.EqualTo(3), drifted.ToString());
        Assert.That(repair.ExitCode, Is.Zero, repair.ToString());
        Assert.That(repair.Output, Does.Contain("accepted the edited checksum of 0002_create_orders").And.Contain("accepted the edited checksum of 0003_seed_user"));
        Assert.That(up.ExitCode, Is.Zero, up.ToString());
        Assert.That(await Database.ScalarAsync<string>("SELECT array_to_string(versions, ',') FROM migrationtasks_history_audit WHERE action = 'repair'"), Is.EqualTo("0002,0003"));
    }
}
