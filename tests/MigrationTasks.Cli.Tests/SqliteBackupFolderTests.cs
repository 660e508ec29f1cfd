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

    [Test]
    public async Task A_snapshot_that_cannot_be_written_is_mt3051_with_the_folder_and_the_next_step()
    {
        // Given a backup folder that cannot be created (a file stands where its parent should be)
        using var migrations = new Migrations().Add("0001_t.sql", "CREATE TABLE t (id INTEGER);");
        await Run("up", "--dir", migrations.Path, "--no-backup");
        var blocker = Path.Combine(_folder, "blocker");
        File.WriteAllText(blocker, "a file, not a folder");
        var config = Path.Combine(_folder, "migrations.yaml");
        File.WriteAllText(config, $"backup:\n  folder: {Path.Combine(blocker, "bk")}\n");

        var result = await Run("snapshot", "s1", "--dir", migrations.Path, "--config", config);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("MT3051").And.Contain(Path.Combine(blocker, "bk")).And.Contain("backup.folder").And.Not.Contain("MT3009"));
    }

    [Test]
    public async Task A_snapshot_of_a_file_that_is_not_a_sqlite_database_is_mt3051_not_an_internal_error()
    {
        File.WriteAllText(DatabasePath, new string('x', 4096));
        using var migrations = new Migrations().Add("0001_t.sql", "CREATE TABLE t (id INTEGER);");

        var result = await Run("snapshot", "s1", "--dir", migrations.Path);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("MT3051").And.Contain("SQLITE_NOTADB").And.Not.Contain("MT3009").And.Not.Contain("For more information"));
        Assert.That(File.ReadAllText(DatabasePath), Is.EqualTo(new string('x', 4096)));
    }

    [Test]
    public async Task A_snapshot_of_a_database_that_does_not_exist_creates_neither_the_database_nor_a_snapshot()
    {
        using var migrations = new Migrations().Add("0001_t.sql", "CREATE TABLE t (id INTEGER);");

        var result = await Run("snapshot", "s1", "--dir", migrations.Path);

        Assert.That(result.ExitCode, Is.EqualTo(5), result.ToString());
        Assert.That(result.Error, Does.Contain("MT3005").And.Contain(DatabasePath));
        Assert.That(File.Exists(DatabasePath), Is.False);
        Assert.That(Directory.Exists(DatabasePath + ".backups"), Is.False);
    }

    [Test]
    public async Task A_restore_from_a_backup_that_is_not_a_database_is_mt3051_and_leaves_the_database_as_it_was()
    {
        using var migrations = new Migrations().Add("0001_t.sql", "CREATE TABLE t (id INTEGER);\nINSERT INTO t VALUES (1);");
        await Run("up", "--dir", migrations.Path, "--no-backup");
        var snapshots = Path.Combine(DatabasePath + ".backups", "snapshots");
        Directory.CreateDirectory(snapshots);
        File.WriteAllText(Path.Combine(snapshots, "damaged.db"), new string('x', 4096));
        var before = SqliteFile.Dump(DatabasePath);

        var result = await Run("backups", "restore", "damaged", "--dir", migrations.Path, "--no-backup");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("MT3051").And.Contain("damaged.db").And.Contain("the database is as it was").And.Not.Contain("MT3009"));
        Assert.That(SqliteFile.Dump(DatabasePath), Is.EqualTo(before));
    }

    [Test]
    public async Task A_wal_mode_database_is_restored_in_wal_mode_from_a_backup_that_is_one_file()
    {
        // Given a database in WAL mode whose last rows are still in its -wal file
        using (var app = SqliteFile.Open(DatabasePath))
        using (var command = app.CreateCommand())
        {
            command.CommandText = "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0; CREATE TABLE kept (x INTEGER); INSERT INTO kept VALUES (1), (2), (3);";
            command.ExecuteNonQuery();
            using var migrations = new Migrations()
                .Add("0001_t.sql", "INSERT INTO kept VALUES (4);")
                .Add("0002_broken.sql", "INSERT INTO no_such_table VALUES (1);");

            // When a run fails while the application holds the database open
            var result = await Run("up", "--dir", migrations.Path);

            // Then the database is restored, still in WAL mode, with the rows of the -wal file
            Assert.That(result.ExitCode, Is.EqualTo(6), result.ToString());
            Assert.That(result.Error, Does.Contain("MT3050"));
            command.CommandText = "SELECT count(*) FROM kept";
            Assert.That(command.ExecuteScalar(), Is.EqualTo(3));
            command.CommandText = "PRAGMA journal_mode";
            Assert.That(command.ExecuteScalar(), Is.EqualTo("wal"));
        }

        // And the backup is a single rollback-mode file: nothing beside it, and readable without writing a -shm
        var backups = Directory.GetFiles(DatabasePath + ".backups");
        Assert.That(backups.Select(Path.GetFileName).ToList(), Has.Count.EqualTo(1).And.All.Match(@"^app-[0-9]{8}T[0-9]{9}Z\.db$"), string.Join(", ", backups));
        var header = new byte[20];
        using (var file = File.OpenRead(backups[0]))
        {
            file.ReadExactly(header);
        }

        Assert.That(header[18..20], Is.EqualTo(new byte[] { 1, 1 }), "file format bytes 18-19: 1 is rollback mode, 2 is WAL");
        Assert.That(SqliteFile.Count(DatabasePath, "SELECT count(*) FROM kept"), Is.EqualTo(3));
    }

    [Test]
    public async Task Restoring_the_oldest_backup_of_a_full_set_restores_it_instead_of_rotating_it_away()
    {
        // Given keep: 2 and two automatic backups, the oldest taken before 0002
        var config = Path.Combine(_folder, "migrations.yaml");
        File.WriteAllText(config, "backup:\n  keep: 2\n");
        using var migrations = new Migrations().Add("0001_t.sql", "CREATE TABLE t (id INTEGER);");
        await Run("up", "--dir", migrations.Path, "--config", config, "--no-backup");
        var atOldest = SqliteFile.Dump(DatabasePath, "migrationtasks_history_audit");
        migrations.Add("0002_u.sql", "CREATE TABLE u (id INTEGER);");
        await Run("up", "--dir", migrations.Path, "--config", config);
        migrations.Add("0003_v.sql", "CREATE TABLE v (id INTEGER);");
        await Run("up", "--dir", migrations.Path, "--config", config);
        var oldest = Directory.GetFiles(DatabasePath + ".backups").Order(StringComparer.Ordinal).First();

        // When it is restored (the backup of the current state taken first would make three)
        var result = await Run("backups", "restore", Path.GetFileNameWithoutExtension(oldest), "--dir", migrations.Path, "--config", config);

        // Then the database is as it was then, and the backup restored from still exists
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(SqliteFile.Dump(DatabasePath, "migrationtasks_history_audit"), Is.EqualTo(atOldest));
        Assert.That(File.Exists(oldest), Is.True, "the backup the user chose is kept");
    }

    [TestCase("a\\b")]
    [TestCase("two words")]
    [TestCase("star*")]
    [TestCase("app-20260101T000000000Z")]
    public async Task A_snapshot_name_outside_the_documented_letters_digits_dash_and_underscore_is_refused(string name)
    {
        using var migrations = new Migrations().Add("0001_t.sql", "CREATE TABLE t (id INTEGER);");
        await Run("up", "--dir", migrations.Path, "--no-backup");

        var result = await Run("snapshot", name, "--dir", migrations.Path);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("MT4002").And.Contain(name));
        Assert.That(Directory.Exists(Path.Combine(DatabasePath + ".backups", "snapshots")), Is.False);
    }
}
