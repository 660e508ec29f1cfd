using MigrationTasks.Cli.Tests.Support;

namespace MigrationTasks.Cli.Tests;

/// <summary>
/// A --target that matches no migration is a usage error (exit 2) whichever command is given it: plan
/// used to say 3 where up said 2. The engine names the setting; the CLI adds the flag.
/// </summary>
public sealed class UnknownTargetTests : DatabaseTest
{
    [TestCase("up")]
    [TestCase("plan")]
    public async Task An_unknown_target_is_exit_2_naming_the_flag(string command)
    {
        using var migrations = Migrations.Basic();

        var result = await Run(migrations, command, "--target", "99");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("MT2005: the target version 99 matches no migration file").And.Contain("(--target)"));
        Assert.That(await Database.TableExistsAsync("public", "users"), Is.False);
    }

    [Test]
    public async Task Plan_down_to_a_target_that_is_not_applied_is_exit_2_like_down()
    {
        using var migrations = Migrations.Basic();
        await Run(migrations, "up");

        var plan = await Run(migrations, "plan", "--down", "--target", "99");
        var down = await Run(migrations, "down", "--target", "99");

        Assert.That((plan.ExitCode, down.ExitCode), Is.EqualTo((2, 2)), plan + "\n" + down);
        Assert.That(await Database.TableExistsAsync("public", "users"), Is.True);
    }

    [Test]
    public async Task Repair_of_a_version_no_file_has_names_the_flag_not_a_setting_word_alone()
    {
        using var migrations = Migrations.Basic();

        var result = await Run(migrations, "repair", "--accept-checksum", "99");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("accept checksum 99: no migration file has this version").And.Contain("(--accept-checksum)"));
    }
}
