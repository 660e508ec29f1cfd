using MigrationTasks.Cli.Tests.Support;

namespace MigrationTasks.Cli.Tests;

/// <summary>
/// What every engine must do the same, proven by one test code run once per engine: up, the no-op
/// up, down, an edited file refused, a failing migration, racing runners, a runner killed mid-run,
/// bad input. The engine-specific suites (PostgreSQL's locks and lint; SQLite's backups) sit beside it.
/// </summary>
[TestFixture(EngineDatabase.Postgres)]
[TestFixture(EngineDatabase.Sqlite)]
public sealed class EngineContractTests(string engine)
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromMinutes(2);
    private EngineDatabase _database = null!;

    [SetUp]
    public async Task SetUp() => _database = await EngineDatabase.CreateAsync(engine);

    [TearDown]
    public async Task TearDown() => await _database.DisposeAsync();

    private Task<CliResult> Run(string command, Migrations migrations, params string[] extra) =>
        Tool.RunAsync([command, "--dir", migrations.Path, "--connection", _database.ConnectionString, .. extra]);

    private static Migrations Basic() => new Migrations()
        .Add("0001_create_users.sql", "CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL);")
        .Add("0001_create_users.down.sql", "DROP TABLE users;")
        .Add("0002_add_orders.sql", "CREATE TABLE orders (id integer PRIMARY KEY, user_id integer REFERENCES users (id));\nCREATE INDEX orders_user ON orders (user_id);")
        .Add("0002_add_orders.down.sql", "DROP TABLE orders;")
        .Add("0003_seed_user.sql", "INSERT INTO users VALUES (1, 'ada@example.com');")
        .Add("0003_seed_user.down.sql", "DELETE FROM users WHERE id = 1;");

    // A table of applied markers, a slow migration that adds one, and a quick one after it.
    private static Migrations CounterWithASlowMigration(string slow) => new Migrations()
        .Add("0001_counter.sql", "CREATE TABLE applied (n integer);")
        .Add("0002_slow.sql", slow)
        .Add("0003_more.sql", "INSERT INTO applied VALUES (3);");

    [Test]
    public async Task Up_applies_every_migration_once_and_a_second_up_does_nothing()
    {
        using var migrations = Basic();

        var first = await Run("up", migrations);
        var second = await Run("up", migrations);

        Assert.That(first.ExitCode, Is.Zero, first.ToString());
        Assert.That(first.Output, Does.Contain("Applied 3 migrations"));
        Assert.That(second.ExitCode, Is.Zero, second.ToString());
        Assert.That(second.Output, Does.Contain("Nothing to do"));
        Assert.That(await _database.CountAsync("SELECT count(*) FROM users"), Is.EqualTo(1));
        Assert.That(await _database.CountAsync("SELECT count(*) FROM migrationtasks_history WHERE status = 'applied'"), Is.EqualTo(3));
        Assert.That(await _database.CountAsync("SELECT count(*) FROM migrationtasks_history_audit WHERE action = 'up'"), Is.EqualTo(1), "a no-op up writes no audit row");
    }

    [Test]
    public async Task Json_output_is_one_event_per_line_ending_with_the_run_completed()
    {
        using var migrations = Basic();

        var result = await Run("up", migrations, "--output", "json");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var events = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement).ToList();
        Assert.That(events.Count(e => e.GetProperty("event").GetString() == "migration_applied"), Is.EqualTo(3));
        Assert.That(events[^1].GetProperty("event").GetString(), Is.EqualTo("run_completed"));
        Assert.That(events[^1].GetProperty("applied").GetInt32(), Is.EqualTo(3));
    }

    [Test]
    public async Task Status_lists_applied_and_pending_migrations()
    {
        using var migrations = Basic();
        await Run("up", migrations, "--target", "0002");

        var status = await Run("status", migrations);

        Assert.That(status.ExitCode, Is.Zero, status.ToString());
        Assert.That(status.Output, Does.Match(@"0002\s+add_orders\s+applied").And.Match(@"0003\s+seed_user\s+pending"));
    }

    [Test]
    public async Task Down_reverts_the_latest_migration_and_forgets_it()
    {
        using var migrations = Basic();
        await Run("up", migrations);

        var down = await Run("down", migrations, "--steps", "2");

        Assert.That(down.ExitCode, Is.Zero, down.ToString());
        Assert.That(await _database.TableExistsAsync("orders"), Is.False);
        Assert.That(await _database.CountAsync("SELECT count(*) FROM users"), Is.Zero);
        Assert.That(await _database.CountAsync("SELECT count(*) FROM migrationtasks_history"), Is.EqualTo(1));
    }

    [Test]
    public async Task An_edited_applied_migration_is_refused_with_exit_3_and_nothing_new_is_applied()
    {
        using var migrations = Basic();
        await Run("up", migrations);
        migrations.Add("0003_seed_user.sql", "INSERT INTO users VALUES (2, 'grace@example.com');");
        migrations.Add("0004_more.sql", "CREATE TABLE more (id integer);");

        var result = await Run("up", migrations);

        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.Error, Does.Contain("MT2001").And.Contain("0003_seed_user.sql"));
        Assert.That(await _database.TableExistsAsync("more"), Is.False);
    }

    [Test]
    public async Task A_failing_migration_exits_6_points_at_its_line_and_leaves_nothing_of_itself()
    {
        using var migrations = Basic().Add("0004_broken.sql", "CREATE TABLE half (id integer);\nINSERT INTO no_such_table VALUES (1);");

        var result = await Run("up", migrations, "--no-backup");

        Assert.That(result.ExitCode, Is.EqualTo(6), result.ToString());
        // PostgreSQL points at the token (2,13); SQLite reports no position, so at the statement (2,1).
        Assert.That(result.Error, Does.Match(@"0004_broken\.sql\(2,(1|13)\)").And.Contain("MT3003").And.Contain("no_such_table"));
        Assert.That(await _database.TableExistsAsync("half"), Is.False);
        Assert.That(await _database.CountAsync("SELECT count(*) FROM migrationtasks_history"), Is.EqualTo(3), "the three before it stay applied");
    }

    [Test]
    public async Task Runners_started_together_apply_each_migration_exactly_once()
    {
        using var migrations = CounterWithASlowMigration($"{_database.SlowStatement};\nINSERT INTO applied VALUES (2);");
        var environment = new Dictionary<string, string> { ["DATABASE_URL"] = _database.ConnectionString };

        var runners = Enumerable.Range(0, 3).Select(_ => Tool.Start(environment, "up", "--dir", migrations.Path)).ToList();
        var results = await Task.WhenAll(runners.Select(r => Tool.WaitAsync(r, ProcessTimeout)));
        runners.ForEach(r => r.Dispose());

        Assert.That(results.Select(r => r.ExitCode), Is.All.Zero, string.Join("\n", results.Select(r => r.ToString())));
        Assert.That(await _database.CountAsync("SELECT count(*) FROM applied"), Is.EqualTo(2));
        Assert.That(await _database.CountAsync("SELECT count(*) FROM migrationtasks_history"), Is.EqualTo(3));
        Assert.That(results.Count(r => r.Output.Contains("Applied 3 migrations", StringComparison.Ordinal)), Is.EqualTo(1));
    }

    [Test]
    public async Task A_runner_killed_mid_migration_leaves_it_unapplied_and_the_next_run_finishes_the_job()
    {
        using var migrations = CounterWithASlowMigration($"INSERT INTO applied VALUES (2);\n{_database.SlowStatement};");
        var environment = new Dictionary<string, string> { ["DATABASE_URL"] = _database.ConnectionString };
        using (var killed = Tool.Start(environment, "up", "--dir", migrations.Path))
        {
            var deadline = DateTime.UtcNow + ProcessTimeout;
            string? line;
            while ((line = killed.StandardOutput.ReadLine()) is not null && !line.Contains("0001_counter", StringComparison.Ordinal))
            {
                Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the runner never applied its first migration");
            }

            Assert.That(line, Is.Not.Null, "the runner ended before applying its first migration");

            await Task.Delay(500);
            killed.Kill();
            await killed.WaitForExitAsync();
        }

        var next = await Tool.RunAsync(environment, "up", "--dir", migrations.Path);

        Assert.That(next.ExitCode, Is.Zero, next.ToString());
        Assert.That(await _database.CountAsync("SELECT count(*) FROM applied"), Is.EqualTo(2), "the killed migration's insert was rolled back, then applied once");
        Assert.That(await _database.CountAsync("SELECT count(*) FROM migrationtasks_history WHERE status = 'applied'"), Is.EqualTo(3));
    }

    [Test]
    public async Task An_unterminated_string_is_refused_before_the_database_is_touched()
    {
        using var migrations = new Migrations()
            .Add("0001_ok.sql", "CREATE TABLE ok (id integer);")
            .Add("0002_broken.sql", "INSERT INTO ok VALUES (1);\nSELECT 'never closed;");

        var result = await Run("up", migrations);

        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.Error, Does.Contain("0002_broken.sql(2,8)").And.Contain("MT1005"));
        Assert.That(await _database.TableExistsAsync("ok"), Is.False);
    }

    [Test]
    public async Task A_column_added_by_hand_is_drift_and_up_with_check_drift_refuses()
    {
        // Given applied migrations with no drift
        using var migrations = Basic();
        var up = await Run("up", migrations);
        Assert.That(up.ExitCode, Is.Zero, up.ToString());
        var clean = await Run("drift", migrations);
        Assert.That(clean.ExitCode, Is.Zero, clean.ToString());

        // When a column is added by hand, and a new migration waits
        await _database.ExecuteAsync("ALTER TABLE users ADD COLUMN nickname text");
        migrations.Add("0004_invoices.sql", "CREATE TABLE invoices (id integer);");
        var drift = await Run("drift", migrations);
        var refused = await Run("up", migrations, "--check-drift");

        // Then drift names the column with exit 9, and up applies nothing
        Assert.That(drift.ExitCode, Is.EqualTo(9), drift.ToString());
        Assert.That(drift.Output, Does.Contain("+ column ").And.Contain("users.nickname"));
        Assert.That(refused.ExitCode, Is.EqualTo(9), refused.ToString());
        Assert.That(await _database.TableExistsAsync("invoices"), Is.False);
    }

    [Test]
    public async Task Dump_writes_the_same_text_twice_and_names_the_tables_but_not_the_history()
    {
        using var migrations = Basic();
        await Run("up", migrations);

        var first = await Run("dump", migrations, "--out", "-");
        var second = await Run("dump", migrations, "--out", "-");

        Assert.That(first.ExitCode, Is.Zero, first.ToString());
        Assert.That(first.Output, Is.EqualTo(second.Output));
        Assert.That(first.Output, Does.Contain("users").And.Contain("orders_user").And.Not.Contain("migrationtasks_history"));
    }
}
