using MigrationTasks.Diagnostics;
using MigrationTasks.Files;
using MigrationTasks.Planning;

namespace MigrationTasks.Core.Tests.Planning;

public sealed class DownPlannerTests
{
    private static Migration Migration(string version, bool withDown = true)
    {
        var set = Linted.LoadFiles(
            withDown
                ? [($"{version}_m.sql", "SELECT 1;"u8.ToArray()), ($"{version}_m.down.sql", "SELECT 2;"u8.ToArray())]
                : [($"{version}_m.sql", "SELECT 1;"u8.ToArray())]);
        return set.Migrations.Single();
    }

    private static HistoryEntry Applied(Migration migration) =>
        new(migration.Version, migration.Name, migration.Checksum, HistoryStatus.Applied, true, DateTimeOffset.UtcNow, "me", TimeSpan.Zero, "0.1.0");

    [Test]
    public void Steps_take_the_latest_applied_newest_first()
    {
        var migrations = new[] { Migration("1"), Migration("2"), Migration("3") };

        var plan = DownPlanner.Create(migrations, migrations.Select(Applied).ToList(), 2, null);

        Assert.That(plan.ToRevert.Select(m => m.VersionText), Is.EqualTo(new[] { "3", "2" }));
        Assert.That(plan.Problems, Is.Empty);
    }

    [Test]
    public void Target_0_reverts_everything_including_a_migration_numbered_0()
    {
        var migrations = new[] { Migration("0"), Migration("1") };

        var plan = DownPlanner.Create(migrations, migrations.Select(Applied).ToList(), 1, MigrationVersion.Parse("0"));

        Assert.That(plan.ToRevert.Select(m => m.VersionText), Is.EqualTo(new[] { "1", "0" }));
        Assert.That(plan.Problems, Is.Empty);
    }

    [Test]
    public void A_target_keeps_itself_and_reverts_everything_above()
    {
        var migrations = new[] { Migration("1"), Migration("2"), Migration("3") };

        var plan = DownPlanner.Create(migrations, migrations.Select(Applied).ToList(), 1, MigrationVersion.Parse("1"));

        Assert.That(plan.ToRevert.Select(m => m.VersionText), Is.EqualTo(new[] { "3", "2" }));
    }

    [Test]
    public void Every_missing_down_file_is_listed_in_one_error()
    {
        var migrations = new[] { Migration("1", withDown: false), Migration("2", withDown: false), Migration("3") };

        var plan = DownPlanner.Create(migrations, migrations.Select(Applied).ToList(), 3, null);

        Assert.That(plan.IsBlocked, Is.True);
        var error = plan.Problems.Single();
        Assert.That(error.Code, Is.EqualTo(DiagnosticCodes.DownScriptMissing));
        Assert.That(error.Message, Does.Contain("2_m.down.sql").And.Contain("1_m.down.sql"));
    }

    [Test]
    public void A_target_that_is_not_applied_is_an_unknown_target()
    {
        var migrations = new[] { Migration("1") };

        var plan = DownPlanner.Create(migrations, migrations.Select(Applied).ToList(), 1, MigrationVersion.Parse("7"));

        Assert.That(plan.Problems.Single().Code, Is.EqualTo(DiagnosticCodes.UnknownTarget));
    }
}
