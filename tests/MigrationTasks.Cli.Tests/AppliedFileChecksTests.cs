using MigrationTasks.Cli.Tests.Support;

namespace MigrationTasks.Cli.Tests;

/// <summary>
/// The runner checks the files it will run: a pending migration, an edited one, the down files `down` runs. An
/// applied migration whose checksum matches was checked when it was pending, so a run with nothing to do does
/// not split and check it again (or repeat its warnings on every deploy); `lint` and the build still check it.
/// </summary>
public sealed class AppliedFileChecksTests : DatabaseTest
{
    private const string CopyFromClient = "COPY users FROM STDIN;";

    [Test]
    public async Task An_applied_migration_s_warning_is_not_repeated_by_the_next_runs()
    {
        using var folder = Migrations.Basic().Add("0004_placeholder.sql", "-- reserved for the billing tables\n");

        var first = await Run(folder, "up");
        var again = await Run(folder, "up");
        var status = await Run(folder, "status");

        Assert.That(first.ExitCode, Is.Zero, first.ToString());
        Assert.That(first.All, Does.Contain("MT1008"), "the empty migration is reported while it is pending");
        Assert.That(again.ExitCode, Is.Zero, again.ToString());
        Assert.That(again.All, Does.Contain("Nothing to do").And.Not.Contain("MT1008"));
        Assert.That(status.All, Does.Not.Contain("MT1008"));
    }

    [TestCase("0004_load.sql", TestName = "A_pending_migration_is_checked")]
    [TestCase("0003_seed_user.sql", TestName = "An_applied_migration_edited_since_is_checked")]
    public async Task A_file_that_will_run_or_changed_is_checked(string file)
    {
        using var folder = Migrations.Basic();
        await Run(folder, "up");
        folder.Add(file, CopyFromClient);

        var result = await Run(folder, "up");

        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.Error, Does.Contain("MT1023").And.Contain(file));
    }

    [Test]
    public async Task A_run_stopped_by_one_file_names_the_problems_of_every_file()
    {
        using var folder = Migrations.Basic().Add("create_audit.sql", "CREATE TABLE audit (id int);").Add("0004_load.sql", CopyFromClient);

        var result = await Run(folder, "up");

        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.Error, Does.Contain("MT1001").And.Contain("create_audit.sql"));
        Assert.That(result.Error, Does.Contain("MT1023").And.Contain("0004_load.sql"));
    }

    [Test]
    public async Task The_down_file_of_an_applied_migration_is_checked_by_down_not_by_up()
    {
        using var folder = Migrations.Basic();
        await Run(folder, "up");
        folder.Add("0003_seed_user.down.sql", CopyFromClient);

        var up = await Run(folder, "up");
        var down = await Run(folder, "down");

        Assert.That(up.ExitCode, Is.Zero, up.ToString());
        Assert.That(down.ExitCode, Is.EqualTo(3), down.ToString());
        Assert.That(down.Error, Does.Contain("MT1023").And.Contain("0003_seed_user.down.sql"));
    }
}
