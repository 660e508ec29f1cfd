using MigrationTasks.Build.Tests.Support;
using MigrationTasks.Testing;

namespace MigrationTasks.Build.Tests;

/// <summary>
/// One project taken through a developer's loop once (build, build again, publish, clean); each test
/// checks one thing that loop must have done. Builds are slow, so they are shared, not repeated.
/// </summary>
public sealed class GoodProjectTests
{
    private TestProject _project = null!;
    private ProcessResult _firstBuild = null!;
    private ProcessResult _secondBuild = null!;
    private ProcessResult _publish = null!;
    private ProcessResult _clean = null!;
    private string _bundleDirectory = null!;
    private string _bundleCopy = null!;

    [OneTimeSetUp]
    public async Task BuildPublishAndClean()
    {
        _project = await TestProject.CreateAsync("Inventory");
        _project.Migration("0001_create_items.sql", "CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL);\r\n");
        _project.Migration("0002_seed_items.sql", "-- migrate:lock-timeout 5s\nINSERT INTO items VALUES (1, 'bolt');");
        _project.Migration("0002_seed_items.down.sql", "DELETE FROM items;");
        _project.Migration("0003_items_name_index.sql", "-- migrate:no-transaction\nCREATE INDEX CONCURRENTLY items_name ON items (name);");

        _firstBuild = await _project.BuildAsync();
        _secondBuild = await _project.BuildAsync("-v:n");
        _publish = await _project.RunAsync("publish", "-c", "Release");
        _bundleDirectory = Path.Combine(_project.Directory, "bin", "Release", "net10.0", "publish", "migrations");
        _bundleCopy = Path.Combine(TestRun.Root, "inventory-bundle");
        CopyDirectory(_bundleDirectory, _bundleCopy);
        _clean = await _project.RunAsync("clean", "-c", "Release");
    }

    [Test]
    public void The_first_build_succeeds_and_records_every_migration_in_migrations_sum()
    {
        Assert.That(_firstBuild.ExitCode, Is.Zero, _firstBuild.ToString());
        var lines = File.ReadAllLines(_project.SumFile);
        Assert.That(lines.Select(l => l.Split(' ')[0]), Is.EqualTo(new[] { "migrations.sum", "0001", "0002", "0003", "total" }));
    }

    [Test]
    public void A_second_build_with_no_change_skips_validation()
    {
        Assert.That(_secondBuild.ExitCode, Is.Zero, _secondBuild.ToString());
        Assert.That(_secondBuild.Output, Does.Contain("Skipping target \"ValidateMigrations\" because all output files are up-to-date"));
    }

    [Test]
    public void Publish_writes_the_migrations_and_a_manifest_into_the_bundle()
    {
        Assert.That(_publish.ExitCode, Is.Zero, _publish.ToString());
        Assert.That(Directory.GetFiles(_bundleCopy).Select(Path.GetFileName).Order(StringComparer.Ordinal), Is.EqualTo(new[]
        {
            "0001_create_items.sql", "0002_seed_items.down.sql", "0002_seed_items.sql", "0003_items_name_index.sql", "manifest.json",
        }));
        // The bundle holds the text that runs, as written; only its checksum is of the LF text.
        Assert.That(File.ReadAllText(Path.Combine(_bundleCopy, "0001_create_items.sql")), Does.EndWith(");\r\n"), "bundled text is as written");
    }

    [Test]
    public void Clean_removes_the_bundle()
    {
        Assert.That(_clean.ExitCode, Is.Zero, _clean.ToString());
        Assert.That(Directory.Exists(_bundleDirectory) ? Directory.GetFiles(_bundleDirectory) : [], Is.Empty);
    }

    [Test]
    public async Task The_published_bundle_is_applied_by_migrations_up()
    {
        await using var database = await TestDatabase.CreateAsync();

        var up = await Migrations("up", "--bundle", _bundleCopy, "--connection", database.ConnectionString);

        Assert.That(up.ExitCode, Is.Zero, up.ToString());
        Assert.That(await database.ScalarAsync<string>("SELECT name FROM items"), Is.EqualTo("bolt"));
        Assert.That(await database.ScalarAsync<long>("SELECT count(*) FROM migrationtasks_history WHERE bundle_root_hash LIKE 'sha256:%'"), Is.EqualTo(3));
    }

    [Test]
    public async Task A_tampered_bundle_is_refused_with_exit_3_naming_the_file()
    {
        var tampered = Path.Combine(TestRun.Root, "tampered-bundle");
        CopyDirectory(_bundleCopy, tampered);
        File.AppendAllText(Path.Combine(tampered, "0002_seed_items.sql"), "\nDROP TABLE items;");

        var up = await Migrations("up", "--bundle", tampered, "--connection", "postgres://nobody@127.0.0.1:1/none");

        Assert.That(up.ExitCode, Is.EqualTo(3), up.ToString());
        Assert.That(up.Output, Does.Contain("error MT1102").And.Contain("0002_seed_items.sql"));
    }

    private static Task<ProcessResult> Migrations(params string[] args) =>
        DotNetCli.RunAsync(TestRun.Root, [Path.Combine(AppContext.BaseDirectory, "migrations.dll"), .. args]);

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        }
    }
}
