using MigrationTasks.Cli.Tests.Support;

namespace MigrationTasks.Cli.Tests;

public sealed class AuditTests : DatabaseTest
{
    [Test]
    public async Task Up_writes_an_audit_row_with_versions_users_and_tool_version()
    {
        using var migrations = Migrations.Basic();

        await Run(migrations, "up");

        Assert.That(await Database.ScalarAsync<string>(
                "SELECT action || ' ' || array_to_string(versions, ',') || ' ' || outcome || ' ' || (db_user = current_user) || ' ' || (os_user <> '') || ' ' || tool_version FROM migrationtasks_history_audit"),
            Does.Match(@"^up 0001,0002,0003 succeeded true true \d+\.\d+\.\d+"));
    }

    [Test]
    public async Task A_failed_up_is_audited_as_failed_with_the_error()
    {
        using var migrations = new Migrations().Add("0001_ok.sql", "SELECT 1;").Add("0002_bad.sql", "SELECT 1/0;");

        await Run(migrations, "up");

        Assert.That(await Database.ScalarAsync<string>("SELECT outcome || ' ' || array_to_string(versions, ',') || ' ' || detail FROM migrationtasks_history_audit"),
            Does.StartWith("failed 0001,0002 ").And.Contain("22012"));
    }

    [Test]
    public async Task Down_is_audited()
    {
        using var migrations = new Migrations().Add("0001_t.sql", "CREATE TABLE t (id int);").Add("0001_t.down.sql", "DROP TABLE t;");
        await Run(migrations, "up");

        await Run(migrations, "down");

        Assert.That(await Database.ScalarAsync<string>("SELECT string_agg(action || ':' || outcome, ' ' ORDER BY id) FROM migrationtasks_history_audit"),
            Is.EqualTo("up:succeeded down:succeeded"));
    }

    [Test]
    public async Task The_audit_table_refuses_updates_and_deletes()
    {
        using var migrations = Migrations.Basic();
        await Run(migrations, "up");

        var update = Assert.ThrowsAsync<Npgsql.PostgresException>(() => Database.ExecuteAsync("UPDATE migrationtasks_history_audit SET outcome = 'failed'"));
        var delete = Assert.ThrowsAsync<Npgsql.PostgresException>(() => Database.ExecuteAsync("DELETE FROM migrationtasks_history_audit"));

        Assert.That(update!.MessageText, Does.Contain("append-only"));
        Assert.That(delete!.MessageText, Does.Contain("append-only"));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM migrationtasks_history_audit"), Is.EqualTo(1));
    }
}
