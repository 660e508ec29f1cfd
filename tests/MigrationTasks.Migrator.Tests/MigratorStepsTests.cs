using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;
using MigrationTasks.Testing;

namespace MigrationTasks.Migrator.Tests;

/// <summary>
/// The engine names the next step of a failure (repair, resume); code that runs a <see cref="Migrator"/> reads it in its
/// own terms, never the CLI's bare spelling and never the engine's marker.
/// </summary>
public sealed class MigratorStepsTests
{
    private const string HalfApplied = "-- migrate:no-transaction\nCREATE TABLE half (id int);\nINSERT INTO nowhere VALUES (1);\n";

    private string _folder = null!;

    [SetUp]
    public void SetUp() => _folder = Directory.CreateTempSubdirectory("mt-migrator-steps-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task A_migration_failed_outside_a_transaction_tells_the_caller_to_run_the_repair_tool_command()
    {
        await using var database = await TestDatabase.CreateAsync();
        var events = new FailedEvents();
        var migrator = MigratorOf(database, events);

        var failure = Assert.ThrowsAsync<MigrationRunException>(() => migrator.UpAsync());

        const string Step = "fix the database, then run the 'migrations repair' tool command";
        Assert.That(failure!.Outcome, Is.EqualTo(RunOutcome.RepairNeeded));
        Assert.That(failure.Diagnostics.Single(d => d.IsError).Message, Does.EndWith(Step));
        Assert.That(failure.Message, Does.Contain(Step).And.Not.Contain("\u27E6"));
        Assert.That(events.Failures.Single().Message, Does.EndWith(Step));
        Assert.That(await database.ScalarAsync<string>("SELECT detail FROM migrationtasks_history_audit"), Does.Contain(Step));
    }

    [Test]
    public async Task The_failure_keeps_the_stack_trace_of_where_the_engine_stopped_the_run()
    {
        await using var database = await TestDatabase.CreateAsync();
        var migrator = MigratorOf(database, null);

        var failure = Assert.ThrowsAsync<MigrationRunException>(() => migrator.UpAsync());

        Assert.That(failure!.StackTrace, Does.Contain(nameof(MigrationRunner)));
        Assert.That(failure.InnerException, Is.Not.Null, "the database's error stays the inner exception");
    }

    [Test]
    public async Task The_next_up_and_plan_name_the_repair_and_resume_tool_commands()
    {
        await using var database = await TestDatabase.CreateAsync();
        var migrator = MigratorOf(database, null);
        Assert.ThrowsAsync<MigrationRunException>(() => migrator.UpAsync());

        var again = Assert.ThrowsAsync<MigrationRunException>(() => migrator.UpAsync());
        var plan = await migrator.PlanAsync();

        const string Steps = "then run the 'migrations repair' tool command, or the 'migrations up --resume' tool command to continue from the failed statement";
        Assert.That(again!.Diagnostics.Single(d => d.Code == DiagnosticCodes.FailedMigration).Message, Does.EndWith(Steps));
        Assert.That(plan.Problems.Single(d => d.Code == DiagnosticCodes.FailedMigration).Message, Does.EndWith(Steps));
    }

    [Test]
    public async Task A_connection_lost_while_applying_names_the_tool_commands_not_the_cli_flags()
    {
        await using var database = await TestDatabase.CreateAsync();
        var migrator = MigratorOf(database, null, "-- migrate:allow terminate-backend the test loses its own connection\nSELECT pg_terminate_backend(pg_backend_pid());\n");

        var failure = Assert.ThrowsAsync<MigrationRunException>(() => migrator.UpAsync());

        Assert.That(failure!.Outcome, Is.EqualTo(RunOutcome.DatabaseUnreachable));
        Assert.That(failure.Message, Does.Contain("(the 'migrations repair' tool command, or the 'migrations up --resume' tool command)")
            .And.Not.Contain("up --resume)").And.Not.Contain("\u27E6"));
    }

    private Migrator MigratorOf(TestDatabase database, IRunObserver? observer, string migration = HalfApplied)
    {
        var directory = Path.Combine(_folder, "migrations");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "0001_half.sql"), migration);
        return new Migrator(new MigratorOptions { Connection = database.ConnectionString, Directory = directory, Observer = observer });
    }

    private sealed class FailedEvents : IRunObserver
    {
        public List<Diagnostic> Failures { get; } = [];

        public void On(RunEvent runEvent)
        {
            if (runEvent is MigrationFailedEvent failed)
            {
                Failures.Add(failed.Diagnostic);
            }
        }
    }
}
