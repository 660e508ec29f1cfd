using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;
using MigrationTasks.Files;
using MigrationTasks.Testing;
using Npgsql;
using MigrationTasks.Postgres.Dialect;

namespace MigrationTasks.Postgres.Tests.Execution;

/// <summary>
/// PREPARE TRANSACTION in a migration would end the runner's transaction without committing it, leave
/// its locks held in a prepared transaction and let the history say applied. The runner refuses it
/// before connecting. The harness runs with max_prepared_transactions > 0, where the statement works.
/// </summary>
public sealed class TwoPhaseCommitTests
{
    private TestDatabase _database = null!;
    private string _folder = null!;

    [SetUp]
    public async Task SetUp()
    {
        _database = await TestDatabase.CreateAsync();
        _folder = Directory.CreateTempSubdirectory("mt-2pc-").FullName;
    }

    [TearDown]
    public async Task TearDown()
    {
        // Were the refusal to fail, the prepared transaction would outlive the session and block dropping the database.
        await _database.ExecuteAsync("DO $$ DECLARE g text; BEGIN FOR g IN SELECT gid FROM pg_prepared_xacts WHERE database = current_database() LOOP EXECUTE format('ROLLBACK PREPARED %L', g); END LOOP; END $$");
        await _database.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [TestCase("")]
    [TestCase("-- migrate:no-transaction\n")]
    public async Task Prepare_transaction_is_refused_before_anything_runs(string header)
    {
        File.WriteAllText(Path.Combine(_folder, "1_two_phase.sql"), $"{header}CREATE TABLE t (id int);\nPREPARE TRANSACTION 'mt_probe';\n");
        var settings = new PostgresSettings(new NpgsqlConnectionStringBuilder(_database.ConnectionString)) { ConnectTimeout = TimeSpan.FromSeconds(10) };
        var runner = new MigrationRunner(new PostgresProvider(settings), new Ignoring(), new ApplyContext("9.9.9", null, null, null));

        var refused = Assert.ThrowsAsync<MigrationRunException>(() => runner.UpAsync(Task.FromResult(MigrationDirectory.Load(PostgresDialect.Instance, _folder)), null, CancellationToken.None));

        Assert.That(refused!.Outcome, Is.EqualTo(RunOutcome.InvalidMigrations));
        Assert.That(refused.Diagnostics.Select(d => (d.Code, d.Line)), Is.EqualTo(new[] { (DiagnosticCodes.TwoPhaseCommit, header.Length == 0 ? 2 : 3) }));
        Assert.That(await _database.ScalarAsync<long>("SELECT count(*) FROM pg_prepared_xacts"), Is.Zero);
        Assert.That(await _database.TableExistsAsync("public", "t"), Is.False);
        Assert.That(await _database.TableExistsAsync("public", "migrationtasks_history"), Is.False);
    }

    private sealed class Ignoring : IRunObserver
    {
        public void On(RunEvent runEvent)
        {
        }
    }
}
