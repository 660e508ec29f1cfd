using MigrationTasks.Build.Tests.Support;

namespace MigrationTasks.Build.Tests;

/// <summary>
/// A build after a new migration lints that file only; the other files' findings come from the cache in obj/
/// and are still reported, and `dotnet clean` removes the cache.
/// </summary>
public sealed class LintCacheBuildTests
{
    private TestProject _project = null!;
    private ProcessResult _first = null!;
    private ProcessResult _afterNewMigration = null!;
    private ProcessResult _clean = null!;
    private string _cacheFile = null!;
    private bool _cacheAfterBuild;

    [OneTimeSetUp]
    public async Task BuildAddBuildAndClean()
    {
        _project = await TestProject.CreateAsync("Ledger");
        _project.Migration("0001_staging.sql", "CREATE TABLE staging (id int PRIMARY KEY);");
        _project.Migration("0002_create.sql", "CREATE TABLE accounts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);");
        _cacheFile = Path.Combine(_project.Directory, "obj", "Debug", "net10.0", "MigrationTasks.lint.cache");

        _first = await _project.BuildAsync("-v:d");
        _project.Migration("0003_more.sql", "CREATE TABLE entries (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);");
        _afterNewMigration = await _project.BuildAsync("-v:d");
        _cacheAfterBuild = File.Exists(_cacheFile);
        _clean = await _project.RunAsync("clean");
    }

    [Test]
    public void The_first_build_lints_every_file()
    {
        Assert.That(_first.ExitCode, Is.Zero, _first.ToString());
        Assert.That(_first.Output, Does.Contain("MigrationTasks: linted 2 file(s)"));
    }

    [Test]
    public void A_build_after_one_new_migration_lints_only_it_and_still_reports_the_cached_findings()
    {
        Assert.That(_afterNewMigration.ExitCode, Is.Zero, _afterNewMigration.ToString());
        Assert.That(_afterNewMigration.Output, Does.Contain("MigrationTasks: linted 1 file(s)"));
        Assert.That(_afterNewMigration.Output, Does.Contain("0001_staging.sql(1,").And.Contain("warning MT2150"), "the int-key warning of a file linted by the first build");
    }

    [Test]
    public void Clean_removes_the_cache()
    {
        Assert.That(_cacheAfterBuild, Is.True, _cacheFile);
        Assert.That(_clean.ExitCode, Is.Zero, _clean.ToString());
        Assert.That(File.Exists(_cacheFile), Is.False);
    }
}
