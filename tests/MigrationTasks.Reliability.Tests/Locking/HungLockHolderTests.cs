using System.Diagnostics;
using MigrationTasks.Cli.Tests.Support;
using MigrationTasks.Reliability.Tests.Scenarios;
using MigrationTasks.Testing;
using Npgsql;

namespace MigrationTasks.Reliability.Tests.Locking;

/// <summary>
/// A session that took the migration lock and never lets go (a hung deploy job, a person's psql
/// left open): every runner must give up on time with exit 4 and say who holds the lock, so an
/// operator can find and end that session.
/// </summary>
public sealed class HungLockHolderTests
{
    private const int RunnerCount = 4;
    private const string HolderName = "hung-deploy-job";
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(1);

    [Test]
    public async Task Runners_give_up_with_exit_4_within_the_lock_timeout_and_name_the_holder()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var migrations = LedgerFolder.Create(3, pause: 0);
        await using var holder = await HoldAsync(database, LockKey.For(database.Name));
        var environment = Runners.Environment(database.ConnectionString, ("MIGRATION_LOCK_TIMEOUT", "3s"));

        var runs = await Task.WhenAll(Enumerable.Range(0, RunnerCount).Select(_ => RunWatchedAsync(environment, "up", "--dir", migrations.Path)));

        foreach (var (result, wall, waited) in runs)
        {
            await TestContext.Out.WriteLineAsync($"exit {result.ExitCode} after {wall.TotalSeconds:0.00} s in all, {waited?.TotalSeconds:0.00} s after it announced the wait");
            Assert.That(result.ExitCode, Is.EqualTo(4), result.ToString());
            Assert.That(result.All, Does.Contain("MT3001").And.Contain($"pid {holder.ProcessID}").And.Contain(HolderName), result.ToString());
            Assert.That(wall, Is.GreaterThanOrEqualTo(LockTimeout), "it waited the whole lock timeout");
            // Measured from the runner's own "Waiting for the migration lock" line: the process start-up
            // before it (seconds on a loaded 2-core machine) is not the lock timeout's business.
            Assert.That(waited, Is.Not.Null.And.LessThanOrEqualTo(LockTimeout + Slack), result.ToString());
        }

        Assert.That(await Evidence.HistoryAsync(database.ConnectionString), Is.Empty, "nothing was applied or recorded");
        Assert.That(await Evidence.MigrationLockHolderAsync(database.ConnectionString, LockKey.For(database.Name)), Does.Contain($"pid {holder.ProcessID}"),
            "the holder still has it: runners never break someone else's lock");
    }

    /// <summary>A session with an application_name that takes the migration lock and keeps it.</summary>
    private static async Task<NpgsqlConnection> HoldAsync(TestDatabase database, long key)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { ApplicationName = HolderName, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var take = new NpgsqlCommand("SELECT pg_advisory_lock($1)", connection);
        take.Parameters.Add(new NpgsqlParameter { Value = key });
        await take.ExecuteScalarAsync();
        return connection;
    }

    /// <summary>Runs a runner process, timing it whole and from the moment it says it is waiting for the lock.</summary>
    private static async Task<(CliResult Result, TimeSpan Wall, TimeSpan? Waited)> RunWatchedAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var clock = Stopwatch.StartNew();
        using var process = Tool.Start(environment, args);
        TimeSpan? announced = null;
        var output = new System.Text.StringBuilder();
        var reading = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                if (announced is null && line.StartsWith("Waiting for the migration lock", StringComparison.Ordinal))
                {
                    announced = clock.Elapsed;
                }

                output.AppendLine(line);
            }
        });
        var error = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(Runners.ProcessTimeout);
        await process.WaitForExitAsync(cancellation.Token);
        var wall = clock.Elapsed;
        await reading;
        return (new CliResult(process.ExitCode, output.ToString(), await error), wall, wall - announced);
    }
}
