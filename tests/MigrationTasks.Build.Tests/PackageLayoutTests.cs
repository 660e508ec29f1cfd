using System.IO.Compression;
using MigrationTasks.Build.Tests.Support;

namespace MigrationTasks.Build.Tests;

public sealed class PackageLayoutTests
{
    private List<string> _entries = null!;

    [OneTimeSetUp]
    public async Task OpenPackage()
    {
        var feed = await TestRun.PackageFeedAsync();
        using var package = ZipFile.OpenRead(Directory.GetFiles(feed, "MigrationTasks.*.nupkg").Single());
        _entries = [.. package.Entries.Select(e => e.FullName)];
    }

    [TestCase("build/MigrationTasks.props")]
    [TestCase("build/MigrationTasks.targets")]
    [TestCase("buildTransitive/MigrationTasks.props")]
    [TestCase("buildTransitive/MigrationTasks.targets")]
    [TestCase("tasks/net10.0/MigrationTasks.Build.dll")]
    [TestCase("tasks/net10.0/MigrationTasks.Build.deps.json")]
    [TestCase("tasks/net10.0/MigrationTasks.Core.dll")]
    [TestCase("tasks/net10.0/MigrationTasks.Postgres.Dialect.dll")]
    public void The_package_holds_the_build_files_and_the_task_assemblies(string entry)
    {
        Assert.That(_entries, Does.Contain(entry));
    }

    [Test]
    public void The_task_loads_the_dialect_without_a_database_driver()
    {
        Assert.That(_entries, Has.None.Contains("Npgsql").And.None.Contains("MigrationTasks.Postgres.dll"));
    }

    [Test]
    public void The_package_ships_no_msbuild_assembly_and_no_lib_folder()
    {
        Assert.That(_entries, Has.None.Contains("Microsoft.Build").And.None.StartsWith("lib/"));
    }
}
