using MigrationTasks.Cli.Tests.Support;
using Npgsql;

namespace MigrationTasks.Cli.Tests;

/// <summary>
/// A connection lost while mark-applied or baseline works on the history is exit 5, like a lost
/// connection during up, and the command is still audited (as failed), over a fresh connection.
/// </summary>
public sealed class LostConnectionTests : DatabaseTest
{
    [TestCase("mark-applied", "0002")]
    [TestCase("baseline", "--version", "0002")]
    public async Task A_connection_lost_while_changing_the_history_is_exit_5_and_audited(params string[] command)
    {
        using var migrations = new Migrations().Add("0001_a.sql", "CREATE TABLE a (id int);").Add("0002_b.sql", "CREATE TABLE b (id int);");
        // History tables without rows (repair creates them and finds nothing to do), so baseline is allowed too.
        await Run(migrations, "repair");
        if (command[0] == "mark-applied")
        {
            await Run(migrations, "up", "--target", "0001");
        }

        // The history read waits behind this lock; the waiting backend is then terminated, as a failover would.
        await using var holder = await Database.OpenConnectionAsync();
        await using var transaction = await holder.BeginTransactionAsync();
        await new NpgsqlCommand("LOCK TABLE migrationtasks_history IN ACCESS EXCLUSIVE MODE", holder, transaction).ExecuteNonQueryAsync();
        var run = Run(migrations, command);
        await TerminateWaitingBackendAsync(run);
        await transaction.CommitAsync();

        var result = await run;

        Assert.That(result.ExitCode, Is.EqualTo(5), result.ToString());
        Assert.That(result.All, Does.Contain("error MT3002:").And.Contain("lost the connection"));
        Assert.That(await Database.ScalarAsync<string>($"SELECT string_agg(outcome, ',') FROM migrationtasks_history_audit WHERE action = '{command[0]}'"),
            Is.EqualTo("failed"));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM migrationtasks_history WHERE version = 2"), Is.Zero);
    }

    private async Task TerminateWaitingBackendAsync(Task<CliResult> run)
    {
        for (var waited = 0; waited < 300 && !run.IsCompleted; waited++)
        {
            var terminated = await Database.ScalarAsync<long>(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%migrationtasks_history%'");
            if (terminated > 0)
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail("the command never waited on the history table");
    }
}
