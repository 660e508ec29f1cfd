using MigrationTasks.Diagnostics;
using MigrationTasks.Files;
using MigrationTasks.Planning;

namespace MigrationTasks.Core.Tests.Planning;

public sealed class PlannerTests
{
    private MigrationFolder _folder = null!;

    [SetUp]
    public void SetUp() => _folder = new MigrationFolder();

    [TearDown]
    public void TearDown() => _folder.Dispose();

    private IReadOnlyList<Migration> Load()
    {
        var set = Linted.Load(_folder.Path);
        Assert.That(set.Errors, Is.Empty);
        return set.Migrations;
    }

    private static HistoryEntry Applied(Migration migration) => Row(migration.Version, migration.Name, migration.Checksum);

    private static HistoryEntry Row(MigrationVersion version, string name, string checksum, HistoryStatus status = HistoryStatus.Applied, int? failedStatement = null) =>
        new(version, name, checksum, status, status == HistoryStatus.Applied, DateTimeOffset.UtcNow, "tester", TimeSpan.Zero, "0.1.0", null, failedStatement);

    [Test]
    public void Against_empty_history_everything_is_pending_in_order()
    {
        _folder.Write("2_b.sql", "SELECT 2;");
        _folder.Write("1_a.sql", "SELECT 1;");

        var plan = Planner.Create(Load(), []);

        Assert.That(plan.Problems, Is.Empty);
        Assert.That(plan.Pending.Select(m => m.Name), Is.EqualTo(new[] { "a", "b" }));
    }

    [Test]
    public void Applied_migrations_are_not_pending()
    {
        _folder.Write("1_a.sql", "SELECT 1;");
        _folder.Write("2_b.sql", "SELECT 2;");
        var migrations = Load();

        var plan = Planner.Create(migrations, [Applied(migrations[0])]);

        Assert.That(plan.Pending.Single().Name, Is.EqualTo("b"));
        Assert.That(plan.Entries.Select(e => e.State), Is.EqualTo(new[] { MigrationState.Applied, MigrationState.Pending }));
    }

    [Test]
    public void An_edited_applied_migration_is_a_mismatch_naming_file_and_both_checksums()
    {
        _folder.Write("1_a.sql", "SELECT 'edited';");
        var migrations = Load();
        const string recorded = "sha256:0000000000000000000000000000000000000000000000000000000000000000";

        var plan = Planner.Create(migrations, [Row(migrations[0].Version, "a", recorded)]);

        var problem = plan.Problems.Single();
        Assert.That(problem.Code, Is.EqualTo(DiagnosticCodes.ChecksumMismatch));
        Assert.That(problem.File, Does.EndWith("1_a.sql"));
        Assert.That(problem.Message, Does.Contain(recorded).And.Contain(migrations[0].Checksum));
        Assert.That(plan.IsBlocked, Is.True);
    }

    [Test]
    public void A_recorded_migration_whose_file_is_gone_is_an_error()
    {
        _folder.Write("2_b.sql", "SELECT 2;");

        var plan = Planner.Create(Load(), [Row(MigrationVersion.Parse("1"), "a", "sha256:x")]);

        Assert.That(plan.Problems.Single().Code, Is.EqualTo(DiagnosticCodes.MissingFile));
        Assert.That(plan.Problems.Single().Message, Does.Contain("1_a"));
    }

    [Test]
    public void A_pending_version_below_the_highest_applied_is_out_of_order()
    {
        _folder.Write("1_a.sql", "SELECT 1;");
        _folder.Write("2_late.sql", "SELECT 2;");
        _folder.Write("3_c.sql", "SELECT 3;");
        var migrations = Load();

        var plan = Planner.Create(migrations, [Applied(migrations[0]), Applied(migrations[2])]);

        Assert.That(plan.Problems.Single().Code, Is.EqualTo(DiagnosticCodes.OutOfOrder));
        Assert.That(plan.Problems.Single().File, Does.EndWith("2_late.sql"));
        Assert.That(plan.Pending, Is.Empty);
    }

    [Test]
    public void Allow_out_of_order_lets_a_late_migration_through()
    {
        _folder.Write("1_a.sql", "SELECT 1;");
        _folder.Write("2_late.sql", "-- migrate:allow-out-of-order\nSELECT 2;");
        _folder.Write("3_c.sql", "SELECT 3;");
        var migrations = Load();

        var plan = Planner.Create(migrations, [Applied(migrations[0]), Applied(migrations[2])]);

        Assert.That(plan.Problems, Is.Empty);
        Assert.That(plan.Pending.Single().Name, Is.EqualTo("late"));
    }

    [Test]
    public void A_failed_row_blocks_the_run()
    {
        _folder.Write("1_a.sql", "-- migrate:no-transaction\nSELECT 1;");
        var migrations = Load();

        var plan = Planner.Create(migrations, [Row(migrations[0].Version, "a", migrations[0].Checksum, HistoryStatus.Failed, failedStatement: 2)]);

        Assert.That(plan.HasFailedMigration, Is.True);
        Assert.That(plan.Problems.Single().Message, Does.Contain("statement 3").And.Contain(NextStep.Repair.ToString()));
        Assert.That(plan.Pending, Is.Empty);
    }

    [Test]
    public void A_target_limits_the_pending_migrations()
    {
        _folder.Write("1_a.sql", "SELECT 1;");
        _folder.Write("2_b.sql", "SELECT 2;");
        _folder.Write("3_c.sql", "SELECT 3;");

        var plan = Planner.Create(Load(), [], MigrationVersion.Parse("0002"));

        Assert.That(plan.Pending.Select(m => m.Name), Is.EqualTo(new[] { "a", "b" }));
    }

    [Test]
    public void An_unknown_target_is_a_problem()
    {
        _folder.Write("1_a.sql", "SELECT 1;");

        var plan = Planner.Create(Load(), [], MigrationVersion.Parse("9"));

        Assert.That(plan.Problems.Single().Code, Is.EqualTo(DiagnosticCodes.UnknownTarget));
    }

    [Test]
    public void Versions_compare_numerically_across_widths()
    {
        Assert.That(MigrationVersion.Parse("0009"), Is.LessThan(MigrationVersion.Parse("10")));
        Assert.That(MigrationVersion.Parse("0001"), Is.EqualTo(MigrationVersion.Parse("1")));
        Assert.That(MigrationVersion.Parse("20260126120000"), Is.GreaterThan(MigrationVersion.Parse("99999")));
    }
}
