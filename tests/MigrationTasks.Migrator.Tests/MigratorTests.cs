using MigrationTasks.Execution;
using MigrationTasks.Files;
using MigrationTasks.Testing;

namespace MigrationTasks.Migrator.Tests;

/// <summary>The in-process API does what <c>migrations up</c> does: the same history, lock, events and outcomes, on both engines.</summary>
public sealed class MigratorTests
{
    private string _folder = null!;

    [SetUp]
    public void SetUp() => _folder = Directory.CreateTempSubdirectory("mt-migrator-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    private string Migrations(params (string Name, string Sql)[] files)
    {
        var directory = Path.Combine(_folder, "migrations");
        Directory.CreateDirectory(directory);
        foreach (var (name, sql) in files)
        {
            File.WriteAllText(Path.Combine(directory, name), sql);
        }

        return directory;
    }

    [Test]
    public async Task Up_applies_the_folder_records_the_history_and_reports_each_migration()
    {
        await using var database = await TestDatabase.CreateAsync();
        var events = new Events();
        var migrator = new Migrator(new MigratorOptions
        {
            Connection = database.ConnectionString,
            Directory = Migrations(("0001_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY);"), ("0002_seed.sql", "INSERT INTO users VALUES (1);")),
            Observer = events,
        });

        var applied = await migrator.UpAsync();
        var again = await migrator.UpAsync();

        Assert.That((applied, again), Is.EqualTo((2, 0)));
        Assert.That(await database.ScalarAsync<long>("SELECT count(*) FROM users"), Is.EqualTo(1));
        Assert.That(await database.ScalarAsync<string>("SELECT string_agg(name, ',' ORDER BY version) FROM migrationtasks_history"), Is.EqualTo("users,seed"));
        Assert.That(events.Applied, Is.EqualTo(new[] { "0001_users", "0002_seed" }));
    }

    [Test]
    public async Task Every_event_names_the_database_and_history_schema_it_is_about()
    {
        await using var database = await TestDatabase.CreateAsync();
        var events = new Events();
        var migrator = new Migrator(new MigratorOptions
        {
            Connection = database.ConnectionString,
            Directory = Migrations(("0001_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY);")),
            Observer = events,
        });

        await migrator.UpAsync();

        Assert.That(events.Targets, Is.Not.Empty.And.All.EqualTo(new RunTarget(database.Name, "public")));
    }

    [Test]
    public async Task A_sqlite_migrators_events_name_its_file()
    {
        var file = Path.Combine(_folder, "app.db");
        var events = new Events();
        var migrator = new Migrator(new MigratorOptions
        {
            Connection = "sqlite:" + file,
            Directory = Migrations(("0001_notes.sql", "CREATE TABLE notes (id INTEGER PRIMARY KEY);")),
            Observer = events,
        });

        await migrator.UpAsync();

        Assert.That(events.Targets.Select(t => Path.GetFullPath(t!.Database)).Distinct(), Is.EqualTo(new[] { Path.GetFullPath(file) }));
    }

    [Test]
    public async Task A_failing_migration_is_an_exception_with_the_outcome_and_the_file_and_line()
    {
        await using var database = await TestDatabase.CreateAsync();
        var migrator = new Migrator(new MigratorOptions
        {
            Connection = database.ConnectionString,
            Directory = Migrations(("0001_ok.sql", "CREATE TABLE ok (id int);"), ("0002_broken.sql", "CREATE TABLE half (id int);\nINSERT INTO nowhere VALUES (1);")),
        });

        var failure = Assert.ThrowsAsync<MigrationRunException>(() => migrator.UpAsync());

        Assert.That(failure!.Outcome, Is.EqualTo(RunOutcome.RolledBack));
        Assert.That(failure.Diagnostics.Single(d => d.IsError), Has.Property("Code").EqualTo("MT3003").And.Property("Line").EqualTo(2));
        Assert.That(await database.TableExistsAsync("public", "half"), Is.False);
        Assert.That(await database.TableExistsAsync("public", "ok"), Is.True);
    }

    [Test]
    public async Task Fixtures_starting_together_apply_each_migration_once_under_the_lock()
    {
        await using var database = await TestDatabase.CreateAsync();
        var folder = Migrations(("0001_counter.sql", "CREATE TABLE applied (n int);"), ("0002_slow.sql", "SELECT pg_sleep(0.5);\nINSERT INTO applied VALUES (2);"));
        var migrators = Enumerable.Range(0, 4).Select(_ => new Migrator(new MigratorOptions { Connection = database.ConnectionString, Directory = folder }));

        var applied = await Task.WhenAll(migrators.Select(m => m.UpAsync()));

        Assert.That(applied.Sum(), Is.EqualTo(2));
        Assert.That(await database.ScalarAsync<long>("SELECT count(*) FROM applied"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_sqlite_file_is_migrated_the_same_way_and_planned_before()
    {
        var migrator = new Migrator(new MigratorOptions
        {
            Connection = "sqlite:" + Path.Combine(_folder, "app.db"),
            Directory = Migrations(("0001_notes.sql", "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);"), ("0001_notes.down.sql", "DROP TABLE notes;")),
        });

        var plan = await migrator.PlanAsync();
        var applied = await migrator.UpAsync();
        var reverted = await migrator.DownAsync();

        Assert.That(plan.Pending.Select(m => m.DisplayName), Is.EqualTo(new[] { "0001_notes" }));
        Assert.That((applied, reverted), Is.EqualTo((1, 1)));
        Assert.That(Directory.GetFiles(Path.Combine(_folder, "app.db.backups")), Is.Not.Empty, "backed up before the changes");
    }

    [Test]
    public void An_invalid_folder_is_refused_before_connecting()
    {
        // Port 1 is never a server: the files are refused first, so nothing even tries to connect.
        var migrator = new Migrator(new MigratorOptions
        {
            Connection = "Host=127.0.0.1;Port=1;Username=nobody",
            Directory = Migrations(("0001_bad.sql", "SELECT 'never closed;")),
        });

        var failure = Assert.ThrowsAsync<MigrationRunException>(() => migrator.UpAsync());

        Assert.That(failure!.Outcome, Is.EqualTo(RunOutcome.InvalidMigrations));
        Assert.That(failure.Diagnostics.Select(d => d.Code), Does.Contain("MT1005"));
    }

    [Test]
    public void A_connection_of_an_engine_it_does_not_support_is_refused_naming_the_scheme_only()
    {
        var migrator = new Migrator(new MigratorOptions
        {
            Connection = "mysql://root:hunter2@db/app",
            Directory = Migrations(("0001_ok.sql", "SELECT 1;")),
        });

        var failure = Assert.ThrowsAsync<MigrationRunException>(() => migrator.UpAsync());

        Assert.That(failure!.Outcome, Is.EqualTo(RunOutcome.InvalidSetting));
        Assert.That(failure.Diagnostics.Single().Code, Is.EqualTo("MT4001"));
        Assert.That(failure.Message, Does.Contain("'mysql:'").And.Contain("MigratorOptions.Connection").And.Not.Contain("hunter2"));
    }

    private sealed class Events : IRunObserver
    {
        public List<string> Applied { get; } = [];

        public List<RunTarget?> Targets { get; } = [];

        public void On(RunEvent runEvent)
        {
            lock (Targets)
            {
                Targets.Add(runEvent.Target);
            }

            if (runEvent is MigrationAppliedEvent applied)
            {
                lock (Applied)
                {
                    Applied.Add(applied.Migration.DisplayName);
                }
            }
        }
    }
}
