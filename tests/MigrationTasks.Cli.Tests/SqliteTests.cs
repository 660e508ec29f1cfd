using MigrationTasks.Cli.Tests.Support;
using MigrationTasks.Sqlite.Dialect;

namespace MigrationTasks.Cli.Tests;

/// <summary>
/// What only SQLite has: the backup before a run and the restore when it fails, rotation, snapshots and
/// restore by hand, the lease that a killed runner does not leave behind, SQLite's own SQL (trigger
/// bodies, bracket identifiers) and the ALTER TABLE it cannot run. The behaviour every engine shares is
/// proven by <see cref="EngineContractTests"/>.
/// </summary>
public sealed class SqliteTests
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromMinutes(2);
    private string _folder = null!;

    private string DatabasePath => Path.Combine(_folder, "app.db");

    private string Connection => "sqlite:" + DatabasePath;

    private string BackupFolder => DatabasePath + ".backups";

    [SetUp]
    public void SetUp() => _folder = Directory.CreateTempSubdirectory("mt-sqlite-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    private Task<CliResult> Run(params string[] args) => Tool.RunAsync([.. args, "--connection", Connection]);

    private static Migrations FiveWithTheThirdFailing() => new Migrations()
        .Add("0001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);\nINSERT INTO users (name) VALUES ('ada');")
        .Add("0002_orders.sql", "CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id));")
        .Add("0003_broken.sql", "INSERT INTO users (name) VALUES ('grace');\nINSERT INTO no_such_table VALUES (1);")
        .Add("0004_more.sql", "CREATE TABLE more (id INTEGER);")
        .Add("0005_last.sql", "CREATE TABLE last (id INTEGER);");

    [Test]
    public async Task A_failed_run_is_restored_from_the_backup_taken_before_it()
    {
        // Given a database with data, and five pending migrations of which the third fails
        using var first = new Migrations().Add("0000_base.sql", "CREATE TABLE base (id INTEGER PRIMARY KEY, note TEXT);\nINSERT INTO base (note) VALUES ('kept');");
        await Run("up", "--dir", first.Path);
        var before = SqliteFile.Dump(DatabasePath, "migrationtasks_history_audit");
        using var migrations = FiveWithTheThirdFailing().Add("0000_base.sql", File.ReadAllText(Path.Combine(first.Path, "0000_base.sql")));

        // When they run
        var result = await Run("up", "--dir", migrations.Path);

        // Then the run fails, and the two migrations it applied are undone with everything else: the database reads as before
        Assert.That(result.ExitCode, Is.EqualTo(6), result.ToString());
        Assert.That(result.Error, Does.Contain("MT3050").And.Contain("restored from the backup"));
        Assert.That(SqliteFile.Dump(DatabasePath, "migrationtasks_history_audit"), Is.EqualTo(before));
        Assert.That(SqliteFile.Count(DatabasePath, "SELECT count(*) FROM migrationtasks_history_audit WHERE outcome = 'failed' AND detail LIKE '%restored from the backup%'"), Is.EqualTo(1),
            "the audit row of the failed run survives the restore");
    }

    [Test]
    public async Task Without_backups_a_failed_run_keeps_what_its_migrations_committed_as_on_postgresql()
    {
        using var migrations = FiveWithTheThirdFailing();

        var result = await Run("up", "--dir", migrations.Path, "--no-backup");

        Assert.That(result.ExitCode, Is.EqualTo(6), result.ToString());
        Assert.That(SqliteFile.Count(DatabasePath, "SELECT count(*) FROM migrationtasks_history"), Is.EqualTo(2));
        Assert.That(Directory.Exists(BackupFolder), Is.False);
    }

    [Test]
    public async Task A_run_with_nothing_to_do_takes_no_backup_and_rotation_keeps_the_newest_n()
    {
        using var config = new TempFile("backup:\n  keep: 2\n");
        using var migrations = new Migrations();
        for (var i = 1; i <= 4; i++)
        {
            migrations.Add($"000{i}_step.sql", $"CREATE TABLE step{i} (id INTEGER);");
            var run = await Run("up", "--dir", migrations.Path, "--config", config.Path);
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
        }

        var noOp = await Run("up", "--dir", migrations.Path, "--config", config.Path);

        Assert.That(noOp.Output, Does.Contain("Nothing to do").And.Not.Contain("Backed up"));
        var backups = Directory.GetFiles(BackupFolder, "app-*.db").Order(StringComparer.Ordinal).ToList();
        Assert.That(backups, Has.Count.EqualTo(2), string.Join(", ", backups));
        // The newest kept was taken before step 4: it has step 3's table and not step 4's.
        Assert.That(SqliteFile.Count(backups[^1], "SELECT count(*) FROM sqlite_master WHERE name IN ('step3', 'step4')"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_named_snapshot_survives_rotation_and_restores_the_state_it_was_taken_in()
    {
        using var migrations = new Migrations().Add("0001_notes.sql", "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);\nINSERT INTO notes (body) VALUES ('one');");
        await Run("up", "--dir", migrations.Path);
        var snapshot = await Run("snapshot", "before-cleanup", "--dir", migrations.Path);
        var atSnapshot = SqliteFile.Dump(DatabasePath, "migrationtasks_history_audit");
        for (var i = 2; i <= 8; i++)
        {
            migrations.Add($"000{i}_more.sql", $"INSERT INTO notes (body) VALUES ('n{i}');");
            await Run("up", "--dir", migrations.Path);
        }

        var list = await Run("backups", "list", "--dir", migrations.Path);
        var restore = await Run("backups", "restore", "before-cleanup", "--dir", migrations.Path);

        Assert.That(snapshot.ExitCode, Is.Zero, snapshot.ToString());
        Assert.That(list.Output, Does.Contain("before-cleanup").And.Contain("snapshot"));
        Assert.That(Directory.GetFiles(BackupFolder, "app-*.db"), Has.Length.EqualTo(5), "rotation keeps 5 by default");
        Assert.That(restore.ExitCode, Is.Zero, restore.ToString());
        Assert.That(SqliteFile.Dump(DatabasePath, "migrationtasks_history_audit"), Is.EqualTo(atSnapshot));
        Assert.That(SqliteFile.Count(DatabasePath, "SELECT count(*) FROM migrationtasks_history_audit WHERE action = 'restore'"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_restore_is_refused_with_exit_4_while_another_runner_holds_the_lock()
    {
        using var migrations = new Migrations().Add("0001_t.sql", "CREATE TABLE t (id INTEGER);");
        await Run("up", "--dir", migrations.Path);
        await Run("snapshot", "s1", "--dir", migrations.Path);
        migrations.Add("0002_slow.sql", "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 60000000) SELECT count(*) FROM c;");
        using var runner = Tool.Start(new Dictionary<string, string> { ["DATABASE_URL"] = Connection }, "up", "--dir", migrations.Path, "--no-backup");
        await WaitUntilAsync(Lease);

        var restore = await Run("backups", "restore", "s1", "--dir", migrations.Path);
        var finished = await Tool.WaitAsync(runner, ProcessTimeout);

        Assert.That(restore.ExitCode, Is.EqualTo(4), restore.ToString());
        Assert.That(restore.Error, Does.Contain("MT3001").And.Contain("holder: process"));
        Assert.That(finished.ExitCode, Is.Zero, finished.ToString());
        Assert.That(SqliteFile.Count(DatabasePath, "SELECT count(*) FROM migrationtasks_history"), Is.EqualTo(2), "the runner's work was not undone");
    }

    [Test]
    public async Task A_lease_that_is_no_longer_ours_when_a_migration_commits_rolls_the_migration_back()
    {
        // Given a migration during which the lease passes to another runner (here the migration itself
        // writes another token, as a runner that found the lease expired would)
        using var migrations = new Migrations()
            .Add("0001_first.sql", "CREATE TABLE first (id INTEGER);")
            .Add("0002_stolen.sql", "CREATE TABLE stolen (id INTEGER);\nUPDATE migrationtasks_history_lock SET token = 'another runner' WHERE id = 1;");

        // When it runs
        var result = await Run("up", "--dir", migrations.Path, "--no-backup");

        // Then the check before COMMIT finds the lease gone: the migration is rolled back and not recorded
        Assert.That(result.ExitCode, Is.EqualTo(4), result.ToString());
        Assert.That(result.Error, Does.Contain("taken by another runner"));
        Assert.That(SqliteFile.Count(DatabasePath, "SELECT count(*) FROM migrationtasks_history WHERE version = 2"), Is.Zero);
        Assert.That(SqliteFile.Count(DatabasePath, "SELECT count(*) FROM sqlite_master WHERE name = 'stolen'"), Is.Zero);
        Assert.That(SqliteFile.Count(DatabasePath, "SELECT count(*) FROM migrationtasks_history WHERE version = 1"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_runner_killed_while_it_holds_the_lease_does_not_lock_the_next_one_out()
    {
        using var migrations = new Migrations()
            .Add("0001_t.sql", "CREATE TABLE t (id INTEGER);")
            .Add("0002_slow.sql", "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 60000000) SELECT count(*) FROM c;");
        using (var killed = Tool.Start(new Dictionary<string, string> { ["DATABASE_URL"] = Connection }, "up", "--dir", migrations.Path))
        {
            await WaitUntilAsync(Lease);
            killed.Kill();
            await killed.WaitForExitAsync();
        }

        // The lease row is still there, its holder dead: the next runner takes it at once, where waiting
        // for the 30 s lease to expire would end its 5 s lock timeout with exit 4.
        Assert.That(Lease().Result, Is.EqualTo(1));
        var next = await Tool.RunAsync(new Dictionary<string, string> { ["DATABASE_URL"] = Connection }, "up", "--dir", migrations.Path, "--lock-timeout", "5");

        Assert.That(next.ExitCode, Is.Zero, next.ToString());
        Assert.That(SqliteFile.Count(DatabasePath, "SELECT count(*) FROM migrationtasks_history WHERE status = 'applied'"), Is.EqualTo(2));
    }

    [Test]
    public async Task A_runner_killed_during_the_backup_leaves_the_database_untouched()
    {
        // Given a database large enough that its backup takes a while
        using var migrations = new Migrations().Add("0001_blobs.sql",
            "CREATE TABLE blobs (id INTEGER PRIMARY KEY, b BLOB);\nWITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 60000) INSERT INTO blobs (b) SELECT randomblob(4000) FROM c;");
        Assert.That((await Run("up", "--dir", migrations.Path, "--no-backup")).ExitCode, Is.Zero);
        var before = SqliteFile.Dump(DatabasePath, "migrationtasks_history_audit", "migrationtasks_history_lock");
        migrations.Add("0002_next.sql", "DELETE FROM blobs;");

        // When the runner is killed while it writes the backup
        using (var killed = Tool.Start(new Dictionary<string, string> { ["DATABASE_URL"] = Connection }, "up", "--dir", migrations.Path))
        {
            await WaitUntilAsync(() => Task.FromResult(Directory.Exists(BackupFolder) && Directory.GetFiles(BackupFolder, "*.partial").Length > 0 ? 1L : 0L));
            killed.Kill();
            await killed.WaitForExitAsync();
        }

        // Then the database is as it was (but for the dead runner's lease row), the half-written file is no backup, and the next run works
        Assert.That(SqliteFile.Dump(DatabasePath, "migrationtasks_history_audit", "migrationtasks_history_lock"), Is.EqualTo(before));
        Assert.That(Directory.GetFiles(BackupFolder, "*.db"), Is.Empty);
        var next = await Run("up", "--dir", migrations.Path);
        Assert.That(next.ExitCode, Is.Zero, next.ToString());
        Assert.That(Directory.GetFiles(BackupFolder, "*.partial"), Is.Empty);
        Assert.That(Directory.GetFiles(BackupFolder, "*.db"), Has.Length.EqualTo(1));
    }

    [Test]
    public async Task A_file_with_its_own_transaction_recreates_a_table_with_foreign_keys_off()
    {
        using var migrations = new Migrations()
            .Add("0001_t.sql", "CREATE TABLE parent (id INTEGER PRIMARY KEY);\nCREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent (id) ON DELETE CASCADE);\nINSERT INTO parent VALUES (1);\nINSERT INTO child VALUES (1, 1);")
            .Add("0002_recreate.sql", """
                PRAGMA foreign_keys = OFF;
                BEGIN;
                CREATE TABLE new_parent (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT '');
                INSERT INTO new_parent (id) SELECT id FROM parent;
                DROP TABLE parent;
                ALTER TABLE new_parent RENAME TO parent;
                PRAGMA foreign_key_check;
                COMMIT;
                PRAGMA foreign_keys = ON;
                """);
        var connection = $"Data Source={DatabasePath};Foreign Keys=True";

        var result = await Tool.RunAsync("up", "--dir", migrations.Path, "--connection", connection);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(SqliteFile.Count(DatabasePath, "SELECT count(*) FROM child"), Is.EqualTo(1), "the cascade did not fire: foreign keys were off while the parent was dropped");
        Assert.That(SqliteFile.Count(DatabasePath, "SELECT transactional FROM migrationtasks_history WHERE version = '0002'"), Is.Zero);
    }

    [Test]
    public async Task An_alter_table_sqlite_cannot_run_fails_the_lint_with_the_recreation_recipe()
    {
        using var config = new TempFile("engine: sqlite\n");
        using var migrations = new Migrations()
            .Add("0001_t.sql", "CREATE TABLE t (id INTEGER, name TEXT);")
            .Add("0002_alter.sql", "-- widen it\nALTER TABLE t ALTER COLUMN name TYPE varchar(200);");

        var result = await Tool.RunAsync("lint", "--dir", migrations.Path, "--config", config.Path);

        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.ToString(), Does.Contain("0002_alter.sql(2,1)").And.Contain("MT1040").And.Contain("SQLite cannot alter a column")
            .And.Contain("INSERT INTO new_t").And.Contain("PRAGMA foreign_key_check"));
    }

    [Test]
    public void The_splitter_keeps_trigger_bodies_and_quoted_identifiers_whole()
    {
        const string script = """
            CREATE TABLE [order;s] (`semi;colon` TEXT, "quoted""name" TEXT);
            CREATE TRIGGER t AFTER INSERT ON [order;s]
            BEGIN
              UPDATE [order;s] SET `semi;colon` = CASE WHEN NEW."quoted""name" IS NULL THEN 'x;y' ELSE 'z' END;
              SELECT 1;
            END;
            -- a comment; with a semicolon
            INSERT INTO [order;s] VALUES ('a', 'b')
            """;

        var split = SqliteDialect.Instance.Split(script);

        Assert.That(split.Error, Is.Null);
        Assert.That(split.Statements.Select(s => s.Line), Is.EqualTo(new[] { 1, 2, 8 }));
        Assert.That(split.Statements[1].Text, Does.StartWith("CREATE TRIGGER").And.EndWith("END"));
    }

    [TestCase("SELECT 'open", 1, 8)]
    [TestCase("SELECT 1;\nSELECT [open", 2, 8)]
    public void An_unterminated_literal_is_the_scripts_error_at_its_start(string script, int line, int column)
    {
        var split = SqliteDialect.Instance.Split(script);

        Assert.That(split.Error, Is.Not.Null);
        Assert.That((split.Error!.Code, split.Error.Line, split.Error.Column), Is.EqualTo(("MT1005", line, column)));
    }

    private Task<long> Lease() => Task.FromResult(File.Exists(DatabasePath)
        ? SqliteFile.Count(DatabasePath, "SELECT count(*) FROM sqlite_master WHERE name = 'migrationtasks_history_lock'") > 0
            ? SqliteFile.Count(DatabasePath, "SELECT count(*) FROM migrationtasks_history_lock")
            : 0
        : 0);

    private static async Task WaitUntilAsync(Func<Task<long>> condition)
    {
        var deadline = DateTime.UtcNow + ProcessTimeout;
        while (await condition() == 0)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the runner never got there");
            await Task.Delay(20);
        }
    }

    private sealed class TempFile : IDisposable
    {
        public TempFile(string text)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"mt-config-{Guid.NewGuid():N}.yaml");
            File.WriteAllText(Path, text);
        }

        public string Path { get; }

        public void Dispose() => File.Delete(Path);
    }
}
