using System.Text.Json;
using MigrationTasks.Cli.Tests.Support;
using MigrationTasks.Testing;

namespace MigrationTasks.Cli.Tests;

public sealed class StatusAndPlanTests
{
    private TestDatabase _database = null!;

    [SetUp]
    public async Task SetUp() => _database = await TestDatabase.CreateAsync();

    [TearDown]
    public async Task TearDown() => await _database.DisposeAsync();

    private Task<CliResult> Run(Migrations migrations, params string[] args) =>
        Tool.RunAsync([.. args, "--dir", migrations.Path, "--connection", _database.ConnectionString]);

    [Test]
    public async Task Status_spells_the_version_of_a_missing_file_as_the_folder_does()
    {
        using var migrations = Migrations.Basic();
        await Run(migrations, "up", "--target", "2");
        File.Delete(Path.Combine(migrations.Path, "0002_create_orders.sql"));

        var text = await Run(migrations, "status");
        var json = await Run(migrations, "status", "--output", "json");

        // "2" is a version the user cannot find in the file list, and the MT2002 line beside it says 0002.
        Assert.That(text.ExitCode, Is.EqualTo(3), text.ToString());
        Assert.That(text.Output, Does.Match(@"(?m)^0002\s+create_orders\s+FILE MISSING"));
        var missing = json.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)
            .Single(e => e.GetProperty("event").GetString() == "migration_status" && e.GetProperty("state").GetString() == "missing_file");
        Assert.That(missing.GetProperty("version").GetString(), Is.EqualTo("0002"));
    }

    [Test]
    public async Task Status_lists_applied_and_pending_migrations()
    {
        using var migrations = Migrations.Basic();
        await Run(migrations, "up", "--target", "1");

        var result = await Run(migrations, "status");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Match(@"0001\s+create_users\s+applied"));
        Assert.That(result.Output, Does.Match(@"0003\s+seed_user\s+pending"));
        Assert.That(result.Output, Does.Contain("1 applied, 2 pending"));
    }

    [Test]
    public async Task Status_sizes_the_version_column_to_the_longest_version()
    {
        using var migrations = new Migrations()
            .Add("0001_a.sql", "CREATE TABLE a (id int);")
            .Add("20230101120000123_b.sql", "CREATE TABLE b (id int);")
            .Add("12345678901234567890_c.sql", "CREATE TABLE c (id int);");

        var result = await Run(migrations, "status");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var lines = result.Output.Split('\n');
        var header = lines.Single(l => l.StartsWith("Version", StringComparison.Ordinal));
        var rows = new[] { ("0001", "a"), ("20230101120000123", "b"), ("12345678901234567890", "c") }
            .Select(m => (Line: lines.Single(l => l.StartsWith(m.Item1 + " ", StringComparison.Ordinal)), Name: m.Item2)).ToList();
        // Each column starts where its heading does, in every row.
        Assert.That(rows.Select(r => r.Line.IndexOf($" {r.Name} ", StringComparison.Ordinal) + 1), Is.All.EqualTo(header.IndexOf("Name", StringComparison.Ordinal)));
        Assert.That(rows.Select(r => r.Line.IndexOf("pending", StringComparison.Ordinal)), Is.All.EqualTo(header.IndexOf("State", StringComparison.Ordinal)));
    }

    [Test]
    public async Task Status_writes_its_table_at_once()
    {
        using var migrations = Migrations.Basic();
        await Run(migrations, "up", "--target", "1");
        using var output = new WriteRecorder();
        using var error = new StringWriter();

        // In process, whatever runner the suite tests: a line at a time was a system call per migration for the real console.
        var exitCode = await CliApp.RunAsync(["status", "--dir", migrations.Path, "--connection", _database.ConnectionString],
            new Commands.CliConsole(output, error), _ => null, CancellationToken.None);

        Assert.That(exitCode, Is.Zero, error.ToString());
        Assert.That(output.Writes.Where(w => w.Contains("0001", StringComparison.Ordinal)).Single(),
            Does.StartWith("Version").And.Contain("0003").And.Contain("1 applied, 2 pending"));
    }

    /// <summary>Keeps each call's text, as the console's writer would turn each into one write to standard output.</summary>
    private sealed class WriteRecorder : StringWriter
    {
        public List<string> Writes { get; } = [];

        public override void Write(string? value)
        {
            Writes.Add(value ?? "");
            base.Write(value);
        }

        public override void WriteLine(string? value)
        {
            Writes.Add(value + NewLine);
            base.WriteLine(value);
        }
    }

    [TestCase("status")]
    [TestCase("plan")]
    public async Task Read_only_commands_never_say_they_are_applying(string command)
    {
        using var migrations = Migrations.Basic();

        var result = await Run(migrations, command);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Not.Contain("Applying"));
        Assert.That(await _database.TableExistsAsync("public", "users"), Is.False);
    }

    [Test]
    public async Task A_dry_run_up_never_says_it_is_applying()
    {
        using var migrations = Migrations.Basic();

        var result = await Tool.RunAsync(new Dictionary<string, string> { ["MIGRATION_DRY_RUN"] = "true" },
            "up", "--dir", migrations.Path, "--connection", _database.ConnectionString);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Contain("showing the plan instead").And.Not.Contain("Applying"));
        Assert.That(await _database.TableExistsAsync("public", "users"), Is.False);
    }

    [Test]
    public async Task Up_with_the_dry_run_flag_shows_the_plan_and_writes_nothing()
    {
        using var migrations = Migrations.Basic();

        var result = await Run(migrations, "up", "--dry-run");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Contain("--dry-run is given: showing the plan instead").And.Contain("CREATE TABLE users").And.Not.Contain("Applying"));
        Assert.That(await _database.TableExistsAsync("public", "users"), Is.False);
        Assert.That(await _database.TableExistsAsync("public", "migrationtasks_history"), Is.False);
    }

    [Test]
    public async Task Plan_prints_its_headline_once()
    {
        using var migrations = Migrations.Basic().Add("0003_seed_user.down.sql", "DELETE FROM users WHERE id = 1;");

        var up = await Run(migrations, "plan");
        await Run(migrations, "up");
        var down = await Run(migrations, "plan", "--down");

        Assert.That(up.ExitCode, Is.Zero, up.ToString());
        Assert.That(down.ExitCode, Is.Zero, down.ToString());
        // Everything before the first migration's SQL is the headline: one line, not a short one and then the full one.
        Assert.That(up.Output.Split("\n-- ")[0].Trim().Split('\n'), Is.EqualTo(new[] { "Plan: 3 migrations would be applied, in this order (nothing was written):" }));
        Assert.That(down.Output.Split("\n-- ")[0].Trim().Split('\n'), Is.EqualTo(new[] { "Plan: 1 migration would be reverted, in this order (nothing was written):" }));
    }

    [Test]
    public async Task Plan_down_says_what_it_would_revert_not_that_it_is_reverting()
    {
        using var migrations = Migrations.Basic().Add("0003_seed_user.down.sql", "DELETE FROM users WHERE id = 1;");
        await Run(migrations, "up");

        var result = await Run(migrations, "plan", "--down");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Contain("1 migration would be reverted").And.Not.Contain("Reverting"));
    }

    [Test]
    public async Task Status_fail_on_pending_exits_non_zero_while_something_is_pending()
    {
        using var migrations = Migrations.Basic();

        var pending = await Run(migrations, "status", "--fail-on-pending");
        await Run(migrations, "up");
        var upToDate = await Run(migrations, "status", "--fail-on-pending");

        Assert.That(pending.ExitCode, Is.EqualTo(3), pending.ToString());
        Assert.That(upToDate.ExitCode, Is.Zero, upToDate.ToString());
    }

    [Test]
    public async Task Plan_shows_the_pending_sql_in_order_and_writes_nothing()
    {
        using var migrations = Migrations.Basic();

        var result = await Run(migrations, "plan");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output.IndexOf("CREATE TABLE users", StringComparison.Ordinal),
            Is.LessThan(result.Output.IndexOf("INSERT INTO users", StringComparison.Ordinal)).And.GreaterThan(0));
        Assert.That(await _database.TableExistsAsync("public", "migrationtasks_history"), Is.False);
        Assert.That(await _database.TableExistsAsync("public", "users"), Is.False);
    }

    [Test]
    public async Task Plan_shows_the_lock_each_statement_takes_on_an_existing_table()
    {
        using var migrations = Migrations.Basic().Add("0004_index.sql", "-- migrate:allow create-index-not-concurrently users is tiny\nCREATE INDEX users_email_idx ON users (email);");

        var result = await Run(migrations, "plan");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Contain("-- lock: SHARE on users, blocks writes while the index builds\nCREATE INDEX users_email_idx"));
        Assert.That(result.Output, Does.Not.Contain("-- lock: ACCESS EXCLUSIVE on users"));
    }

    [Test]
    public async Task Plan_says_which_statement_rewrites_the_table()
    {
        using var migrations = Migrations.Basic().Add("0004_widen.sql", WidenUsers);

        var result = await Run(migrations, "plan");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Contain("-- lock: ACCESS EXCLUSIVE on users, rewrites the table\nALTER TABLE users ALTER COLUMN id TYPE bigint;"));
        Assert.That(result.Output, Does.Contain("-- lock: SHARE UPDATE EXCLUSIVE on users\nALTER TABLE users VALIDATE CONSTRAINT users_email_check;"));
        Assert.That(result.Output, Does.Contain("users_email_check;\nSELECT 1;"), "no lock line for a statement that takes none");
    }

    [Test]
    public async Task Json_plan_gives_one_lock_entry_per_statement()
    {
        using var migrations = Migrations.Basic().Add("0004_widen.sql", WidenUsers);

        var result = await Run(migrations, "plan", "--output", "json");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var planned = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)
            .Single(e => e.GetProperty("event").GetString() == "planned_migration" && e.GetProperty("version").GetString() == "0004");
        var locks = planned.GetProperty("locks").EnumerateArray().Select(l => l.ValueKind == JsonValueKind.Null ? null
            : $"{l.GetProperty("mode").GetString()}|{l.GetProperty("table").GetString()}|{(l.GetProperty("effect").ValueKind == JsonValueKind.Null ? "-" : l.GetProperty("effect").GetString())}");
        Assert.That(locks, Is.EqualTo(new[] { "ACCESS EXCLUSIVE|users|rewrites the table", "SHARE UPDATE EXCLUSIVE|users|-", null }));
    }

    private const string WidenUsers =
        "-- migrate:lock-timeout 5s\n-- migrate:allow alter-column-type users has a handful of rows\n"
        + "ALTER TABLE users ALTER COLUMN id TYPE bigint;\nALTER TABLE users VALIDATE CONSTRAINT users_email_check;\nSELECT 1;";

    [Test]
    public async Task Dry_run_turns_up_into_plan()
    {
        using var migrations = Migrations.Basic();

        var result = await Tool.RunAsync(new Dictionary<string, string> { ["MIGRATION_DRY_RUN"] = "true", ["DATABASE_URL"] = _database.ConnectionString },
            "up", "--dir", migrations.Path);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Contain("MIGRATION_DRY_RUN").And.Contain("CREATE TABLE users"));
        Assert.That(await _database.TableExistsAsync("public", "users"), Is.False);
    }

    [Test]
    public async Task Disabled_migrations_exit_0_without_touching_the_database()
    {
        using var migrations = Migrations.Basic();

        var result = await Tool.RunAsync(new Dictionary<string, string> { ["DISABLE_DB_MIGRATIONS"] = "true" }, "up", "--dir", migrations.Path);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Contain("DISABLE_DB_MIGRATIONS"));
    }

    [Test]
    public async Task A_mistyped_boolean_variable_is_a_usage_error_not_a_silent_migration()
    {
        using var migrations = Migrations.Basic();

        var result = await Tool.RunAsync(new Dictionary<string, string> { ["MIGRATION_DRY_RUN"] = "ture", ["DATABASE_URL"] = _database.ConnectionString },
            "up", "--dir", migrations.Path);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("MIGRATION_DRY_RUN"));
        Assert.That(await _database.TableExistsAsync("public", "users"), Is.False);
    }

    [Test]
    public async Task Json_output_is_one_event_object_per_line()
    {
        using var migrations = Migrations.Basic();

        var result = await Run(migrations, "up", "--output", "json");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var events = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("event").GetString())
            .ToList();
        Assert.That(events, Does.Contain("migration_applied").And.Contain("run_completed"));
        Assert.That(events.Count(e => e == "migration_applied"), Is.EqualTo(3));
    }
}
