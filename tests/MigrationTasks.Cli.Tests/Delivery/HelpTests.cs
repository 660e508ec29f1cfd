using MigrationTasks.Cli.Commands;
using MigrationTasks.Cli.Tests.Support;

namespace MigrationTasks.Cli.Tests.Delivery;

/// <summary>--help and --version are the tool's first documentation; they must name everything it honours.</summary>
public sealed class HelpTests
{
    [Test]
    public async Task Version_prints_the_tool_version_then_its_commit_and_runtime()
    {
        var result = await Tool.RunAsync("--version");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Output.Trim().Split(' ')[0], Is.EqualTo(CommandRunner.ToolVersion).And.Match(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$"));
        Assert.That(result.Output.Trim(), Does.Match(@" \(commit [0-9a-f]{12}, \.NET \d+\.\d+\.\d+.*\)$"));
    }

    [Test]
    public async Task Help_lists_every_command()
    {
        var result = await Tool.RunAsync("--help");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        foreach (var command in new[] { "status", "plan", "up", "down", "hash", "baseline", "mark-applied", "repair", "config" })
        {
            Assert.That(result.Output, Does.Match($@"\n  {command}\b"), command);
        }
    }

    [Test]
    public async Task Up_help_names_every_environment_variable_it_honours()
    {
        var root = await Tool.RunAsync("--help");
        var up = await Tool.RunAsync("up", "--help");

        Assert.That(root.Output + up.Output, Does.Contain("MIGRATION_DATABASE_URL").And.Contain("DATABASE_URL").And.Contain("MIGRATION_TIMEOUT")
            .And.Contain("MIGRATION_LOCK_TIMEOUT").And.Contain("MIGRATION_CONFIG").And.Contain("MIGRATION_ENVIRONMENT")
            .And.Contain("MIGRATION_DRY_RUN").And.Contain("DISABLE_DB_MIGRATIONS"));
    }

    [TestCase(new[] { "stauts" }, "'stauts'. Did you mean 'status'?")]
    [TestCase(new[] { "up", "--dry-rn" }, "'--dry-rn'. Did you mean '--dry-run'?")]
    [TestCase(new[] { "status", "--conection", "x" }, "'--conection'. Did you mean '--connection'?")]
    [TestCase(new[] { "mark-aplied", "1" }, "'mark-aplied'. Did you mean 'mark-applied'?")]
    public async Task An_unknown_command_or_flag_suggests_the_nearest_valid_one(string[] args, string suggestion)
    {
        var result = await Tool.RunAsync(args);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain(suggestion));
    }

    [Test]
    public async Task A_word_far_from_every_command_gets_no_guess()
    {
        var result = await Tool.RunAsync("deploy-everything");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("'deploy-everything'").And.Not.Contain("Did you mean"));
    }
}
