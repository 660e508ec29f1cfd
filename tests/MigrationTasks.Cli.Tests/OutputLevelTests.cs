using MigrationTasks.Cli.Tests.Support;

namespace MigrationTasks.Cli.Tests;

/// <summary>
/// Text output that stays readable on a big folder: repeated warnings of one rule are one line with the count and the
/// first files, --verbose shows each, --quiet only errors and the summary. Machine outputs keep every finding.
/// </summary>
public sealed class OutputLevelTests
{
    private static Migrations ThousandEmpty()
    {
        var folder = new Migrations();
        for (var i = 1; i <= 1000; i++)
        {
            folder.Add($"{i:D4}_m{i}.sql", "-- nothing yet\n");
        }

        return folder;
    }

    private static int Count(string text, string what) => text.Split('\n').Count(l => l.Contains(what, StringComparison.Ordinal));

    [Test]
    public async Task A_thousand_identical_warnings_print_as_one_line_with_the_count_and_the_first_three_files()
    {
        using var folder = ThousandEmpty();

        var result = await Tool.RunAsync("lint", "--dir", folder.Path);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.All.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.LessThan(6), result.ToString());
        Assert.That(result.Error, Does.Contain("warning MT1008: 1000 times in 0001_m1.sql(1,1), 0002_m2.sql(1,1), 0003_m3.sql(1,1) and 997 more; the first:"));
        Assert.That(result.Output, Does.Contain("Linted 1000 migration(s)").And.Contain("1000 warning(s)"));
    }

    [Test]
    public async Task Verbose_prints_every_finding()
    {
        using var folder = ThousandEmpty();

        var result = await Tool.RunAsync("lint", "--verbose", "--dir", folder.Path);

        Assert.That(Count(result.Error, "warning MT1008"), Is.EqualTo(1000), result.ToString());
    }

    [Test]
    public async Task Quiet_prints_none_of_the_warnings_but_the_summary()
    {
        using var folder = ThousandEmpty();

        var result = await Tool.RunAsync("lint", "--quiet", "--dir", folder.Path);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.All, Does.Not.Contain("MT1008"));
        Assert.That(result.Output.Trim(), Does.StartWith("Linted 1000 migration(s)"));
    }

    [Test]
    public async Task The_environment_twins_do_what_the_flags_do_and_a_flag_wins()
    {
        using var folder = ThousandEmpty();

        var quiet = await Tool.RunAsync(new Dictionary<string, string> { ["MIGRATION_QUIET"] = "true" }, "lint", "--dir", folder.Path);
        var verbose = await Tool.RunAsync(new Dictionary<string, string> { ["MIGRATION_VERBOSE"] = "1" }, "lint", "--dir", folder.Path);
        var flagWins = await Tool.RunAsync(new Dictionary<string, string> { ["MIGRATION_QUIET"] = "true" }, "lint", "--verbose", "--dir", folder.Path);

        Assert.That(quiet.All, Does.Not.Contain("MT1008"), quiet.ToString());
        Assert.That(Count(verbose.Error, "warning MT1008"), Is.EqualTo(1000));
        Assert.That(Count(flagWins.Error, "warning MT1008"), Is.EqualTo(1000));
    }

    [Test]
    public async Task Quiet_and_verbose_together_are_a_usage_error()
    {
        using var folder = new Migrations().Add("0001_a.sql", "SELECT 1;");

        var result = await Tool.RunAsync("lint", "--quiet", "--verbose", "--dir", folder.Path);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("MT4002").And.Contain("exclude each other"));
    }

    [Test]
    public async Task Json_output_keeps_every_finding()
    {
        using var folder = ThousandEmpty();

        var result = await Tool.RunAsync("lint", "--output", "json", "--dir", folder.Path);

        Assert.That(Count(result.Output, "\"MT1008\""), Is.EqualTo(1000), result.ToString()[..2000]);
    }

    [Test]
    public async Task Errors_are_never_grouped_and_quiet_keeps_them()
    {
        using var folder = new Migrations();
        for (var i = 1; i <= 5; i++)
        {
            folder.Add($"{i:D4}_m{i}.sql", "SELECT 'unterminated;\n");
        }

        var normal = await Tool.RunAsync("lint", "--dir", folder.Path);
        var quiet = await Tool.RunAsync("lint", "--quiet", "--dir", folder.Path);

        Assert.That(normal.ExitCode, Is.EqualTo(3), normal.ToString());
        Assert.That(Count(normal.Error, "error MT1005"), Is.EqualTo(5), normal.ToString());
        Assert.That(Count(quiet.Error, "error MT1005"), Is.EqualTo(5), quiet.ToString());
    }

    [Test]
    public async Task Up_groups_the_warnings_it_reports_one_by_one_and_quiet_keeps_only_the_summary()
    {
        using var folder = new Migrations();
        for (var i = 1; i <= 10; i++)
        {
            folder.Add($"{i:D4}_m{i}.sql", "-- nothing yet\n");
        }

        using var files = new Migrations();
        var normal = await Tool.RunAsync("up", "--dir", folder.Path, "--connection", "sqlite:" + Path.Combine(files.Path, "a.db"), "--no-backup");
        var quiet = await Tool.RunAsync("up", "--quiet", "--dir", folder.Path, "--connection", "sqlite:" + Path.Combine(files.Path, "b.db"), "--no-backup");

        Assert.That(normal.ExitCode, Is.Zero, normal.ToString());
        Assert.That(Count(normal.Error, "MT1008"), Is.EqualTo(1), normal.ToString());
        Assert.That(normal.Error, Does.Contain("warning MT1008: 10 times in"));
        Assert.That(quiet.ExitCode, Is.Zero, quiet.ToString());
        Assert.That(quiet.All.Trim(), Does.StartWith("Applied 10 migrations in").And.Not.Contain("\n"), quiet.ToString());
    }
}
