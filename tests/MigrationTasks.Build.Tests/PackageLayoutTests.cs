using System.IO.Compression;
using MigrationTasks.Build.Tests.Support;

namespace MigrationTasks.Build.Tests;

public sealed class PackageLayoutTests
{
    private List<string> _entries = null!;
    private string _package = null!;

    [OneTimeSetUp]
    public async Task OpenPackage()
    {
        var feed = await TestRun.PackageFeedAsync();
        _package = Directory.GetFiles(feed, "MigrationTasks.*.nupkg").Single();
        using var package = ZipFile.OpenRead(_package);
        _entries = [.. package.Entries.Select(e => e.FullName)];
    }

    private string ReadNuspec()
    {
        using var package = ZipFile.OpenRead(_package);
        using var reader = new StreamReader(package.GetEntry("MigrationTasks.nuspec")!.Open());
        return reader.ReadToEnd();
    }

    [TestCase("build/MigrationTasks.props")]
    [TestCase("build/MigrationTasks.targets")]
    [TestCase("buildTransitive/MigrationTasks.props")]
    [TestCase("buildTransitive/MigrationTasks.targets")]
    [TestCase("buildMultiTargeting/MigrationTasks.props")]
    [TestCase("buildMultiTargeting/MigrationTasks.targets")]
    [TestCase("tasks/net10.0/MigrationTasks.Build.dll")]
    [TestCase("tasks/net10.0/MigrationTasks.Build.deps.json")]
    [TestCase("tasks/net10.0/MigrationTasks.Core.dll")]
    [TestCase("tasks/net10.0/MigrationTasks.Core.pdb")]
    [TestCase("tasks/net10.0/MigrationTasks.Postgres.Dialect.dll")]
    [TestCase("tasks/net10.0/MigrationTasks.Sqlite.Dialect.dll")]
    [TestCase("README.md")]
    [TestCase("LICENSE")]
    [TestCase("icon.png")]
    public void The_package_holds_the_build_files_and_the_task_assemblies(string entry)
    {
        Assert.That(_entries, Does.Contain(entry));
    }

    [Test]
    public void The_nuspec_names_the_readme_the_licence_the_icon_and_the_commit_it_was_packed_from()
    {
        var nuspec = ReadNuspec();

        Assert.That(nuspec, Does.Contain("<readme>README.md</readme>").And.Contain("<icon>icon.png</icon>")
            .And.Contain("<license type=\"expression\">MIT</license>").And.Match("<repository [^>]*commit=\"[0-9a-f]{40}\""));
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
