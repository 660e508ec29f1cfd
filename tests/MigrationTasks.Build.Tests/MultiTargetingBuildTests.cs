using MigrationTasks.Build.Tests.Support;

namespace MigrationTasks.Build.Tests;

/// <summary>
/// A project that targets several frameworks has one migrations folder: it is checked, and migrations.sum appended
/// to, once per build of the project, not once per framework (where the inner builds ran side by side on one file).
/// </summary>
public sealed class MultiTargetingBuildTests
{
    private const string TwoFrameworks = "<TargetFramework></TargetFramework><TargetFrameworks>net8.0;net10.0</TargetFrameworks>";

    [Test]
    public async Task A_multi_targeting_build_reports_each_warning_once_and_records_each_migration_once()
    {
        // Given a project built for two frameworks, with a migration that has a lint warning and one that has none
        var project = await TestProject.CreateAsync("TwoFrameworks", TwoFrameworks);
        var warned = project.Migration("0001_users.sql", "CREATE TABLE users (id int PRIMARY KEY);");
        project.Migration("0002_orders.sql", "CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);");

        // When it builds (both frameworks in parallel, as dotnet build does), and builds again after a clean
        var build = await project.BuildAsync();
        var clean = await project.RunAsync("clean");
        var afterClean = await project.BuildAsync();

        // Then the warning is reported by one check (the summary repeats the same line), and the sum records each file once
        Assert.That(build.ExitCode, Is.Zero, build.ToString());
        var warnings = Warnings(build);
        Assert.That(warnings, Has.Count.EqualTo(1).And.All.StartsWith($"{warned}(1,24): MigrationTasks warning MT2150"), build.ToString());
        Assert.That(File.ReadAllLines(project.SumFile).Select(l => l.Split(' ')[0]), Is.EqualTo(new[] { "migrations.sum", "0001", "0002", "total" }));
        Assert.That(clean.ExitCode, Is.Zero, clean.ToString());
        Assert.That(Warnings(afterClean), Is.EqualTo(warnings), "the clean build checks again");
    }

    [Test]
    public async Task A_build_of_one_framework_of_a_multi_targeting_project_still_checks_the_migrations()
    {
        // Given a multi-targeting project with a migration that fails the check
        var project = await TestProject.CreateAsync("OneOfTwoFrameworks", TwoFrameworks);
        var broken = project.Migration("0001_users.sql", "-- migrate:no-such-directive\nCREATE TABLE users (id bigint PRIMARY KEY);");

        // When one framework is built alone
        var build = await project.BuildAsync("-f", "net10.0");

        // Then the check ran and failed the build, once
        Assert.That(build.ExitCode, Is.Not.Zero, build.ToString());
        var errors = Lines(build, "error MT");
        Assert.That(errors, Has.Count.EqualTo(1).And.All.StartsWith(broken), build.ToString());
    }

    // Each distinct line once: the console logger repeats every warning and error in its summary.
    private static List<string> Lines(ProcessResult build, string containing) =>
        [.. build.Output.Split('\n').Where(l => l.Contains(containing, StringComparison.Ordinal)).Select(l => l.Trim()).Distinct()];

    private static List<string> Warnings(ProcessResult build) => Lines(build, "warning MT");
}
