using MigrationTasks.Cli.Tests.Support;

namespace MigrationTasks.Cli.Tests;

/// <summary>baseline and mark-applied: taking over a database that already has (some of) the schema.</summary>
public sealed class AdoptionTests : DatabaseTest
{
    [Test]
    public async Task Baseline_on_an_existing_schema_then_up_applies_only_later_files()
    {
        await Database.ExecuteAsync("CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL)");
        await Database.ExecuteAsync("CREATE TABLE orders (id int PRIMARY KEY, user_id int REFERENCES users (id))");
        using var migrations = Migrations.Basic();

        var baseline = await Run(migrations, "baseline", "--version", "0002");
        var up = await Run(migrations, "up");

        Assert.That(baseline.ExitCode, Is.Zero, baseline.ToString());
        Assert.That(baseline.Output, Does.Contain("recorded 2 migration(s)"));
        Assert.That(up.ExitCode, Is.Zero, up.ToString());
        Assert.That(up.Output, Does.Contain("Applied 1 migration").And.Contain("0003_seed_user").And.Not.Contain("0001_create_users"));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM users"), Is.EqualTo(1));
        Assert.That(await Database.ScalarAsync<string>("SELECT string_agg(action, ',' ORDER BY id) FROM migrationtasks_history_audit"), Is.EqualTo("baseline,up"));
    }

    [Test]
    public async Task Baseline_is_refused_when_the_history_is_not_empty()
    {
        using var migrations = Migrations.Basic();
        await Run(migrations, "up", "--target", "1");

        var result = await Run(migrations, "baseline", "--version", "3");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("MT4006").And.Contain("mark-applied"));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM migrationtasks_history"), Is.EqualTo(1));
    }

    [Test]
    public async Task Mark_applied_fixes_relation_already_exists_after_a_manual_run()
    {
        await Database.ExecuteAsync("CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL);");
        using var migrations = Migrations.Basic();
        var failed = await Run(migrations, "up");

        var mark = await Run(migrations, "mark-applied", "1");
        var up = await Run(migrations, "up");

        Assert.That(failed.ExitCode, Is.EqualTo(6), failed.ToString());
        Assert.That(failed.Error, Does.Contain("42P07"));
        Assert.That(mark.ExitCode, Is.Zero, mark.ToString());
        Assert.That(mark.Output, Does.Contain("Marked 0001_create_users as applied"));
        Assert.That(up.ExitCode, Is.Zero, up.ToString());
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM migrationtasks_history WHERE status = 'applied'"), Is.EqualTo(3));
    }

    [Test]
    public async Task Mark_applied_refuses_an_already_applied_migration()
    {
        using var migrations = Migrations.Basic();
        await Run(migrations, "up");

        var result = await Run(migrations, "mark-applied", "2");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("MT2009"));
    }

    [Test]
    public async Task Mark_applied_above_a_pending_migration_warns_that_up_will_refuse_it()
    {
        using var migrations = Migrations.Basic();
        await Run(migrations, "up", "--target", "1");

        var mark = await Run(migrations, "mark-applied", "3");
        var up = await Run(migrations, "up");

        Assert.That(mark.ExitCode, Is.Zero, mark.ToString());
        Assert.That(mark.Error, Does.Contain("warning MT2013").And.Contain("0002_create_orders").And.Contain("out of order"));
        Assert.That(up.ExitCode, Is.EqualTo(3), up.ToString());
    }

    [Test]
    public async Task Mark_applied_of_the_next_pending_migration_says_nothing_about_order()
    {
        using var migrations = Migrations.Basic();
        await Run(migrations, "up", "--target", "1");

        var mark = await Run(migrations, "mark-applied", "2");

        Assert.That(mark.ExitCode, Is.Zero, mark.ToString());
        Assert.That(mark.Error, Does.Not.Contain("MT2013"));
    }

    [Test]
    public async Task Messages_keep_the_zero_padding_of_the_file_names()
    {
        using var migrations = new Migrations().Add("0001_a.sql", "SELECT 1;").Add("0004_b.sql", "SELECT 1;").Add("0005_c.sql", "SELECT 1;");
        await Run(migrations, "up");
        migrations.Add("0003_late.sql", "SELECT 1;");
        File.Delete(Path.Combine(migrations.Path, "0004_b.sql"));

        var result = await Run(migrations, "up");

        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.Error, Does.Contain("version 0005 is already applied; give it a version above 0005"));
        Assert.That(result.Error, Does.Contain("migration 0004_b is recorded as applied but its file is missing"));
    }
}
