using MigrationTasks.Cli.Tests.Support;

namespace MigrationTasks.Cli.Tests;

public sealed class DownTests : DatabaseTest
{
    private static Migrations Reversible() => new Migrations()
        .Add("0001_users.sql", "CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL UNIQUE);")
        .Add("0001_users.down.sql", "DROP TABLE users;")
        .Add("0002_orders.sql", "CREATE TABLE orders (id int PRIMARY KEY, user_id int NOT NULL REFERENCES users (id));\nCREATE INDEX orders_user_idx ON orders (user_id);")
        .Add("0002_orders.down.sql", "DROP TABLE orders;")
        .Add("0003_users_name.sql", "ALTER TABLE users ADD COLUMN name text DEFAULT 'anonymous';")
        .Add("0003_users_name.down.sql", "ALTER TABLE users DROP COLUMN name;");

    [Test]
    public async Task Down_target_0_reverts_everything_a_migration_numbered_0_included()
    {
        using var migrations = new Migrations()
            .Add("0000_init.sql", "CREATE TABLE init (id int);").Add("0000_init.down.sql", "DROP TABLE init;")
            .Add("0001_users.sql", "CREATE TABLE users (id int);").Add("0001_users.down.sql", "DROP TABLE users;");
        await Run(migrations, "up");

        var down = await Run(migrations, "down", "--target", "0");

        Assert.That(down.ExitCode, Is.Zero, down.ToString());
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM migrationtasks_history"), Is.Zero);
        Assert.That(await Database.TableExistsAsync("public", "init"), Is.False);
    }

    [Test]
    public async Task Down_with_nothing_applied_takes_no_lock_and_writes_nothing()
    {
        // Before: it created the history and audit tables, and wrote an audit row of a revert of nothing.
        using var migrations = Reversible();

        var down = await Run(migrations, "down");

        Assert.That(down.ExitCode, Is.Zero, down.ToString());
        Assert.That(down.Output, Does.Contain("Nothing to revert: no migration is applied."));
        Assert.That(await Database.TableExistsAsync("public", "migrationtasks_history"), Is.False);
        Assert.That(await Database.TableExistsAsync("public", "migrationtasks_history_audit"), Is.False);
    }

    [Test]
    public async Task Down_then_up_round_trip_leaves_the_same_schema()
    {
        using var migrations = Reversible();
        await Run(migrations, "up");
        var before = await Catalog.SnapshotAsync(Database);

        var down = await Run(migrations, "down", "--steps", "2");
        var afterDown = await Catalog.SnapshotAsync(Database);
        var historyAfterDown = await Database.ScalarAsync<long>("SELECT count(*) FROM migrationtasks_history");
        var up = await Run(migrations, "up");

        Assert.That(down.ExitCode, Is.Zero, down.ToString());
        Assert.That(down.Output, Does.Contain("0003_users_name").And.Contain("0002_orders").And.Contain("Reverted 2 migrations"));
        Assert.That(afterDown, Does.Not.Contain("orders").And.Not.Contain("users.name"));
        Assert.That(historyAfterDown, Is.EqualTo(1));
        Assert.That(up.ExitCode, Is.Zero, up.ToString());
        Assert.That(await Catalog.SnapshotAsync(Database), Is.EqualTo(before).And.Contain("orders_user_idx"));
    }

    [Test]
    public async Task Down_defaults_to_one_step()
    {
        using var migrations = Reversible();
        await Run(migrations, "up");

        var result = await Run(migrations, "down");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(await Database.ScalarAsync<string>("SELECT string_agg(version::text, ',' ORDER BY version) FROM migrationtasks_history"), Is.EqualTo("1,2"));
    }

    [Test]
    public async Task Down_to_a_target_reverts_everything_above_it_and_target_0_reverts_all()
    {
        using var migrations = Reversible();
        await Run(migrations, "up");

        var toOne = await Run(migrations, "down", "--target", "1");
        var remaining = await Database.ScalarAsync<long>("SELECT count(*) FROM migrationtasks_history");
        var toZero = await Run(migrations, "down", "--target", "0");

        Assert.That(toOne.ExitCode, Is.Zero, toOne.ToString());
        Assert.That(remaining, Is.EqualTo(1));
        Assert.That(toZero.ExitCode, Is.Zero, toZero.ToString());
        Assert.That(await Database.TableExistsAsync("public", "users"), Is.False);
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM migrationtasks_history"), Is.Zero);
    }

    [Test]
    public async Task Down_with_a_missing_down_file_is_refused_with_exit_3_and_changes_nothing()
    {
        using var migrations = new Migrations()
            .Add("0001_users.sql", "CREATE TABLE users (id int);")
            .Add("0001_users.down.sql", "DROP TABLE users;")
            .Add("0002_orders.sql", "CREATE TABLE orders (id int);")
            .Add("0003_items.sql", "CREATE TABLE items (id int);")
            .Add("0003_items.down.sql", "DROP TABLE items;");
        await Run(migrations, "up");
        var before = await Catalog.SnapshotAsync(Database);
        var auditRows = await Database.ScalarAsync<long>("SELECT count(*) FROM migrationtasks_history_audit");

        var result = await Run(migrations, "down", "--steps", "3");

        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.Error, Does.Contain("MT2006").And.Contain("0002_orders.down.sql").And.Not.Contain("0003_items.down.sql"));
        Assert.That(await Catalog.SnapshotAsync(Database), Is.EqualTo(before));
        Assert.That(await Database.TableExistsAsync("public", "items"), Is.True);
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM migrationtasks_history"), Is.EqualTo(3));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM migrationtasks_history_audit"), Is.EqualTo(auditRows));
    }

    [Test]
    public async Task Plan_down_previews_the_down_sql_and_writes_nothing()
    {
        using var migrations = Reversible();
        await Run(migrations, "up");

        var result = await Run(migrations, "plan", "--down", "--steps", "2");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output.IndexOf("ALTER TABLE users DROP COLUMN name", StringComparison.Ordinal),
            Is.LessThan(result.Output.IndexOf("DROP TABLE orders", StringComparison.Ordinal)).And.GreaterThan(0));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM migrationtasks_history"), Is.EqualTo(3));
    }

    [Test]
    public async Task A_failing_down_script_rolls_back_and_keeps_the_history_row()
    {
        using var migrations = new Migrations()
            .Add("0001_users.sql", "CREATE TABLE users (id int);")
            .Add("0001_users.down.sql", "DROP TABLE users;\nDROP TABLE no_such_table;");
        await Run(migrations, "up");

        var result = await Run(migrations, "down");

        Assert.That(result.ExitCode, Is.EqualTo(6), result.ToString());
        Assert.That(result.Error, Does.Contain("0001_users.down.sql(2,"));
        Assert.That(await Database.TableExistsAsync("public", "users"), Is.True);
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM migrationtasks_history"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_failing_no_transaction_down_script_is_recorded_failed_and_cannot_be_resumed_as_an_up()
    {
        using var migrations = new Migrations()
            .Add("0001_users.sql", "-- migrate:no-transaction\nCREATE TABLE users (id int);\nCREATE INDEX CONCURRENTLY users_id_idx ON users (id);")
            .Add("0001_users.down.sql", "-- migrate:no-transaction\nDROP INDEX CONCURRENTLY users_id_idx;\nDROP TABLE no_such_table;");
        await Run(migrations, "up");

        var down = await Run(migrations, "down");
        var resume = await Run(migrations, "up", "--resume");

        Assert.That(down.ExitCode, Is.EqualTo(7), down.ToString());
        Assert.That(await Database.ScalarAsync<string>("SELECT status || ':' || failed_statement FROM migrationtasks_history"), Is.EqualTo("failed:1"));
        Assert.That(resume.ExitCode, Is.EqualTo(7), resume.ToString());
        Assert.That(resume.Error, Does.Contain("MT2007").And.Contain("reverted"));
    }

    [Test]
    public async Task After_a_failed_no_transaction_down_status_and_up_do_not_offer_up_resume()
    {
        using var migrations = new Migrations()
            .Add("0001_users.sql", "CREATE TABLE users (id int);")
            .Add("0001_users.down.sql", "-- migrate:no-transaction\nDROP TABLE users;\nDROP TABLE no_such_table;");
        await Run(migrations, "up");
        await Run(migrations, "down");

        var status = await Run(migrations, "status");
        var up = await Run(migrations, "up");

        // up --resume is refused for such a row (MT2007): offering it sends the user round in a circle.
        foreach (var result in new[] { status, up })
        {
            Assert.That(result.ExitCode, Is.EqualTo(7), result.ToString());
            Assert.That(result.Error, Does.Contain("MT2004").And.Contain("0001_users.down.sql").And.Contain("revert").And.Contain("migrations repair"));
            Assert.That(result.Error, Does.Not.Contain("--resume"));
        }
    }
}
