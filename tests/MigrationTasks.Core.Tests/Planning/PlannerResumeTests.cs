using MigrationTasks.Checksums;
using MigrationTasks.Diagnostics;
using MigrationTasks.Files;
using MigrationTasks.Planning;

namespace MigrationTasks.Core.Tests.Planning;

/// <summary><c>up --resume</c>: a failed no-transaction migration continues only while what already ran is unchanged.</summary>
public sealed class PlannerResumeTests
{
    private const string Steps = "-- migrate:no-transaction\nCREATE TABLE a (id int);\nCREATE TABLE b (id int);\nSELECT broken;\n";

    private static Migration Load(string text) =>
        Linted.LoadFiles([("1_steps.sql", System.Text.Encoding.UTF8.GetBytes(text))]).Migrations.Single();

    private static HistoryEntry FailedAt(Migration ranAs, int statement, string? completedChecksum = null) =>
        new(ranAs.Version, ranAs.Name, ranAs.Checksum, HistoryStatus.Failed, false, DateTimeOffset.UtcNow, "tester", TimeSpan.Zero, "0.1.0",
            FailedStatement: statement, CompletedChecksum: completedChecksum ?? StatementPrefix.Checksum(ranAs.Up, statement));

    [Test]
    public void A_fixed_failed_statement_resumes_from_that_statement()
    {
        var fixedFile = Load(Steps.Replace("SELECT broken", "SELECT 1", StringComparison.Ordinal));

        var plan = Planner.Create([fixedFile], [FailedAt(Load(Steps), 2)], resume: true);

        Assert.That(plan.Problems, Is.Empty);
        Assert.That(plan.Resume, Is.EqualTo(new ResumePoint(fixedFile, 2)));
        Assert.That(plan.Pending, Is.EqualTo(new[] { fixedFile }));
    }

    [Test]
    public void An_edited_earlier_statement_blocks_the_resume()
    {
        var edited = Load(Steps.Replace("CREATE TABLE a (id int)", "CREATE TABLE a (id bigint)", StringComparison.Ordinal));

        var plan = Planner.Create([edited], [FailedAt(Load(Steps), 2)], resume: true);

        Assert.That(plan.Resume, Is.Null);
        Assert.That(plan.Problems.Single().Code, Is.EqualTo(DiagnosticCodes.CannotResume));
        Assert.That(plan.HasFailedMigration, Is.True);
    }

    [Test]
    public void Without_resume_a_failed_row_still_blocks()
    {
        var migration = Load(Steps);

        var plan = Planner.Create([migration], [FailedAt(migration, 2)]);

        Assert.That(plan.Problems.Single().Code, Is.EqualTo(DiagnosticCodes.FailedMigration));
        Assert.That(plan.Pending, Is.Empty);
    }

    [Test]
    public void A_failed_revert_is_never_resumed_as_an_up()
    {
        var migration = Load(Steps);

        var plan = Planner.Create([migration], [FailedAt(migration, 0, StatementPrefix.DownMarker + StatementPrefix.Checksum(migration.Up, 0))], resume: true);

        Assert.That(plan.Problems.Single().Message, Does.Contain("reverted"));
    }
}
