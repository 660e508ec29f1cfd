using MigrationTasks.Cli.Tests.Support;

namespace MigrationTasks.Cli.Tests;

/// <summary>
/// The backups folder as people find it: files they put there, another database's backups in a shared
/// <c>backup.folder</c>, a database in WAL mode, a folder the runner cannot write. Rotation deletes only
/// the backups it wrote, and every problem is an error with a code and a next step, never an internal error.
/// </summary>
public sealed class SqliteBackupFolderTests
{
    private string _folder = null!;

    private string DatabasePath => Path.Combine(_folder, "app.db");

    private string Connection => "sqlite:" + DatabasePath;

    private string BackupFolder => Path.Combine(_folder, "bk");

    [SetUp]
    public void SetUp() => _folder = Directory.CreateTempSubdirectory("mt-sqlite-bk-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    private Task<CliResult> Run(params string[] args) => Tool.RunAsync([.. args, "--connection", Connection]);

    [Test]
    public async Task Rotation_deletes_only_the_backups_it_wrote_and_never_the_one_a_failed_run_restores_from()
    {
        // Given keep: 1, and in the backups folder a file of the user's and a backup of app-2.db, which shares the folder
        var config = Path.Combine(_folder, "migrations.yaml");
        File.WriteAllText(config, $"backup:\n  keep: 1\n  folder: {BackupFolder}\n");
        Directory.CreateDirectory(BackupFolder);
        string[] notOurs = ["app-mine.db", "app-2-20250101T000000000Z.db", "app-2-20250101T000000000Z.db.partial", "app-copy.db.partial"];
        foreach (var name in notOurs)
        {
            File.WriteAllText(Path.Combine(BackupFolder, name), name);
        }

        using var migrations = new Migrations().Add("0001_t.sql", "CREATE TABLE t (id INTEGER);");
        var first = await Run("up", "--dir", migrations.Path, "--config", config);

        // When a second run fails
        migrations.Add("0002_u.sql", "CREATE TABLE u (id INTEGER);").Add("0003_broken.sql", "INSERT INTO no_such_table VALUES (1);");
        var failed = await Run("up", "--dir", migrations.Path, "--config", config);

        // Then the run was restored from its own backup, and nothing the runner did not write was deleted
        Assert.That(first.ExitCode, Is.Zero, first.ToString());
        Assert.That(failed.ExitCode, Is.EqualTo(6), failed.ToString());
        Assert.That(failed.Error, Does.Contain("MT3050"));
        Assert.That(SqliteFile.Count(DatabasePath, "SELECT count(*) FROM sqlite_master WHERE name = 'u'"), Is.Zero, "0002 was undone by the restore");
        foreach (var name in notOurs)
        {
            Assert.That(File.Exists(Path.Combine(BackupFolder, name)), name);
        }

        var ours = Directory.GetFiles(BackupFolder).Select(Path.GetFileName).Where(n => System.Text.RegularExpressions.Regex.IsMatch(n!, @"^app-[0-9]{8}T[0-9]{9}Z\.db$"));
        Assert.That(ours.Count(), Is.EqualTo(1), "keep: 1");
        var list = await Run("backups", "list", "--dir", migrations.Path, "--config", config);
        Assert.That(list.Output, Does.Not.Contain("app-mine").And.Not.Contain("app-2-"));
    }
}
