using MigrationTasks.Cli.Tests.Support;
using MigrationTasks.Reliability.Tests.Scenarios;
using MigrationTasks.Testing;
using Npgsql;

namespace MigrationTasks.Reliability.Tests.Locking;

/// <summary>
/// The work lock (the migration key in two-int form, held by the session that applies
/// migrations): a runner that got the migration lock still waits for a previous runner's
/// session that is applying, which is what a SIGKILLed runner's backend does for a while.
/// </summary>
public sealed class WorkLockTests
{
    [Test]
    public async Task A_runner_waits_for_a_previous_runners_session_that_is_still_applying()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var migrations = LedgerFolder.Create(2, pause: 0);
        var key = LockKey.For(database.Name);
        string[] run = ["up", "--dir", migrations.Path, "--connection", database.ConnectionString, "--lock-timeout", "1"];
        await using var ghost = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { ApplicationName = "killed-runner", Pooling = false }.ToString());
        await ghost.OpenAsync();
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock($1, $2)", ghost))
        {
            take.Parameters.Add(new NpgsqlParameter { Value = (int)(key >> 32) });
            take.Parameters.Add(new NpgsqlParameter { Value = unchecked((int)key) });
            await take.ExecuteScalarAsync();
        }

        var blocked = await Tool.RunAsync(run);

        Assert.That(blocked.ExitCode, Is.EqualTo(4), blocked.ToString());
        Assert.That(blocked.Error, Does.Contain("MT3001").And.Contain("previous runner").And.Contain($"pid {ghost.ProcessID}").And.Contain("killed-runner"));
        Assert.That(await Evidence.HistoryAsync(database.ConnectionString), Is.Empty, "nothing applied while that session might still commit");
        Assert.That(await Evidence.MigrationLockHolderAsync(database.ConnectionString, key), Is.Null, "the migration lock was let go");

        await ghost.CloseAsync();
        var next = await Tool.RunAsync(run);

        Assert.That(next.ExitCode, Is.Zero, next.ToString());
        Assert.That((await Evidence.HistoryAsync(database.ConnectionString)).Values, Is.EqualTo(new[] { "applied", "applied" }));
    }
}
