using MigrationTasks.Cli.Tests.Support;
using MigrationTasks.Cli.Tests.Support.Folders;
using MigrationTasks.Execution;
using MigrationTasks.Import;

namespace MigrationTasks.Cli.Tests;

/// <summary>
/// Issue 13, item 4: <c>migrations import</c> takes over another tool's history. Each foreign state is
/// built here by creating the tool's history table and writing its rows as the tool's own code does
/// (golang-migrate's postgres driver, Flyway's flyway_schema_history, drizzle-orm's pg migrator). The
/// dbmate and node-pg-migrate shapes were taken from the real tools (dbmate 2.36.0 and node-pg-migrate
/// 9.0.0 from npm, run once against PostgreSQL 15; `migrations import` then imported both databases);
/// the tests do not run them, so they need no Node.js.
/// </summary>
public sealed class ImportTests : DatabaseTest
{
    private const string History = "migrationtasks_history";

    [Test]
    public async Task A_golang_migrate_database_is_imported_then_up_is_a_no_op_and_a_new_migration_applies()
    {
        using var migrations = GolangMigrateFolder(2);
        await GolangMigrateStateAsync(version: 2, dirty: false, migrations);

        var dryRun = await Run(migrations, "import", "--dry-run");
        var historyAfterDryRun = await Database.ScalarAsync<bool>($"SELECT to_regclass('{History}') IS NOT NULL");
        var import = await Run(migrations, "import");
        var again = await Run(migrations, "import", "--from", "golang-migrate");
        var noOp = await Run(migrations, "up");
        migrations.Add("0003_orders.up.sql", "CREATE TABLE orders (id bigint PRIMARY KEY);").Add("0003_orders.down.sql", "DROP TABLE orders;");
        var next = await Run(migrations, "up");

        Assert.That(dryRun.ExitCode, Is.Zero, dryRun.ToString());
        Assert.That(dryRun.Output, Does.Contain("2 matched, 0 unmatched, 0 local only").And.Contain("Dry run: nothing was written"));
        Assert.That(historyAfterDryRun, Is.False);
        Assert.That(import.ExitCode, Is.Zero, import.ToString());
        Assert.That(import.Output, Does.Contain("Recorded 2 migration(s)"));
        Assert.That(again.Output, Does.Contain("Nothing to import"), again.ToString());
        Assert.That(noOp.Output, Does.Contain("up to date"), noOp.ToString());
        Assert.That(next.Output, Does.Contain("Applied 1 migration"), next.ToString());
        Assert.That(await Database.ScalarAsync<string>($"SELECT string_agg(version::text || ' ' || coalesce(source, '-'), ',' ORDER BY version) FROM {History}"),
            Is.EqualTo("1 import:golang-migrate,2 import:golang-migrate,3 -"));
        Assert.That(await Database.ScalarAsync<string>("SELECT version || ' ' || dirty FROM schema_migrations"), Is.EqualTo("2 false"));
    }

    [Test]
    public async Task A_dirty_golang_migrate_state_is_refused_with_its_own_exit_code_and_nothing_is_written()
    {
        using var migrations = GolangMigrateFolder(2);
        await GolangMigrateStateAsync(version: 2, dirty: true, migrations);

        var import = await Run(migrations, "import");

        Assert.That(import.ExitCode, Is.EqualTo(ExitCodes.ForeignHistoryNotClean), import.ToString());
        Assert.That(import.Error, Does.Contain("MT2010").And.Contain("dirty").And.Contain("migrate force"));
        // Left as it was: not even our (empty) history and audit tables.
        Assert.That(await HistoryTablesAbsentAsync(), Is.True);
    }

    [Test]
    public async Task A_flyway_database_is_matched_by_version_and_crc32_with_the_time_flyway_applied_it()
    {
        using var migrations = new Migrations()
            .Add("V1__create_users.sql", "CREATE TABLE users (id bigint);\r\nINSERT INTO users VALUES (1);\r\n")
            .Add("V2__add_email.sql", "ALTER TABLE users ADD COLUMN email text;");
        // The same lines as ForeignChecksumTests' vector, with CRLF: Flyway's checksum ignores line endings.
        await FlywayStateAsync(migrations, ("1", "create users", -1920996676, true), ("2", "add email", ForeignChecksumOf(migrations, "V2__add_email.sql"), true));

        var import = await Run(migrations, "import");
        var noOp = await Run(migrations, "up");

        Assert.That(import.ExitCode, Is.Zero, import.ToString());
        Assert.That(import.Output, Does.Contain("Import from flyway (flyway_schema_history): 2 matched"));
        Assert.That(noOp.Output, Does.Contain("up to date"), noOp.ToString());
        Assert.That(await Database.ScalarAsync<string>($"SELECT string_agg(to_char(applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), ',') FROM {History}"), Is.EqualTo("2020-01-02,2020-01-02"));
    }

    [Test]
    public async Task A_flyway_row_whose_checksum_differs_from_the_local_file_is_unmatched_and_nothing_is_written()
    {
        using var migrations = new Migrations().Add("V1__create_users.sql", "CREATE TABLE users (id bigint, edited int);");
        await FlywayStateAsync(migrations, ("1", "create users", 12345, true));

        var import = await Run(migrations, "import", "--from", "flyway");

        Assert.That(import.ExitCode, Is.EqualTo(ExitCodes.InvalidMigrations), import.ToString());
        Assert.That(import.Error, Does.Contain("MT2011").And.Contain("V1__create_users.sql' differs"));
        Assert.That(await HistoryTablesAbsentAsync(), Is.True, "a refused import leaves the database as it was");
    }

    [Test]
    public async Task A_failed_flyway_migration_is_refused_with_its_own_exit_code()
    {
        using var migrations = new Migrations().Add("V1__create_users.sql", "CREATE TABLE users (id bigint);");
        await FlywayStateAsync(migrations, ("1", "create users", ForeignChecksumOf(migrations, "V1__create_users.sql"), false));

        var import = await Run(migrations, "import");

        Assert.That(import.ExitCode, Is.EqualTo(ExitCodes.ForeignHistoryNotClean), import.ToString());
        Assert.That(import.Error, Does.Contain("MT2010").And.Contain("flyway repair"));
    }

    [Test]
    public async Task A_drizzle_database_is_matched_by_journal_when_and_the_files_sha256()
    {
        using var migrations = new Migrations()
            .Add("0000_brave_users.sql", "CREATE TABLE \"users\" (\"id\" bigint PRIMARY KEY);\r\n")
            .Add("0001_quiet_orders.sql", "CREATE TABLE \"orders\" (\"id\" bigint PRIMARY KEY);");
        DrizzleJournal.Write(migrations, (1700000000000, "0000_brave_users"), (1700000100000, "0001_quiet_orders"));
        // drizzle-orm's pg migrator: schema drizzle, table __drizzle_migrations (id serial, hash text, created_at bigint).
        await SqlAsync("CREATE TABLE users (id bigint PRIMARY KEY)", "CREATE SCHEMA drizzle", "CREATE TABLE drizzle.__drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)");
        var hash = ForeignChecksums.Drizzle(File.ReadAllBytes(Path.Combine(migrations.Path, "0000_brave_users.sql")));
        await Database.ExecuteAsync($"INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ('{hash}', 1700000000000)");

        var import = await Run(migrations, "import");
        var up = await Run(migrations, "up");

        Assert.That(import.ExitCode, Is.Zero, import.ToString());
        Assert.That(import.Output, Does.Contain("1 matched, 0 unmatched, 1 local only"));
        Assert.That(up.Output, Does.Contain("Applied 1 migration"), up.ToString());
    }

    [Test]
    public async Task Import_from_drizzle_matches_files_whose_line_endings_or_bom_changed_since_they_ran()
    {
        // drizzle ran LF files; this checkout has CRLF (git's core.autocrlf) and an editor's BOM. drizzle-orm never
        // compares its hashes, and the statements are the ones it ran. Before: both MT2011, exit 3, nothing importable.
        using var migrations = new Migrations()
            .Add("0000_users.sql", "CREATE TABLE \"users\" (\"id\" bigint PRIMARY KEY);\r\n--> statement-breakpoint\r\nCREATE INDEX \"users_id\" ON \"users\" (\"id\");\r\n")
            .Add("0001_orders.sql", "\uFEFFCREATE TABLE \"orders\" (\"id\" bigint PRIMARY KEY);\n");
        DrizzleJournal.Write(migrations, (1700000000000, "0000_users"), (1700000100000, "0001_orders"));
        await DrizzleStateAsync(
            (1700000000000, "CREATE TABLE \"users\" (\"id\" bigint PRIMARY KEY);\n--> statement-breakpoint\nCREATE INDEX \"users_id\" ON \"users\" (\"id\");\n"),
            (1700000100000, "CREATE TABLE \"orders\" (\"id\" bigint PRIMARY KEY);\n"));

        var import = await Run(migrations, "import");

        Assert.That(import.ExitCode, Is.Zero, import.ToString());
        Assert.That(import.Output, Does.Contain("2 matched, 0 unmatched, 0 local only"));
    }

    [Test]
    public async Task A_drizzle_file_edited_since_it_ran_is_unmatched_and_not_also_called_never_run()
    {
        // Before: the edited file was unmatched and also "local only ... pending below an applied version", with an
        // MT2013 warning that drizzle never ran it, though its row says drizzle did.
        using var migrations = new Migrations()
            .Add("0000_users.sql", "CREATE TABLE \"users\" (\"id\" bigint PRIMARY KEY, \"email\" text);\n")
            .Add("0001_orders.sql", "CREATE TABLE \"orders\" (\"id\" bigint PRIMARY KEY);\n");
        DrizzleJournal.Write(migrations, (1700000000000, "0000_users"), (1700000100000, "0001_orders"));
        await DrizzleStateAsync((1700000000000, "CREATE TABLE \"users\" (\"id\" bigint PRIMARY KEY);\n"), (1700000100000, "CREATE TABLE \"orders\" (\"id\" bigint PRIMARY KEY);\n"));

        var import = await Run(migrations, "import");

        Assert.That(import.ExitCode, Is.EqualTo(3), import.ToString());
        Assert.That(import.Output, Does.Contain("1 matched, 1 unmatched, 0 local only").And.Not.Contain("local only  1700000000000"));
        Assert.That(import.Error, Does.Contain("MT2011").And.Contain("'0000_users.sql' differs from what drizzle applied").And.Not.Contain("MT2013"));
        Assert.That(await HistoryTablesAbsentAsync(), Is.True, "a refused import leaves the database as it was");
    }

    [Test]
    public async Task A_database_golang_migrate_built_from_a_two_hundred_file_folder_is_imported_and_up_is_then_a_no_op()
    {
        var (migrations, lastVersion) = Support.Folders.GolangMigrateFolder.Create(100);
        using var _ = migrations;
        foreach (var file in Support.Folders.GolangMigrateFolder.UpFilesInOrder(migrations))
        {
            await Psql.RunAsync(Database, file);
        }

        await SqlAsync("CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)", $"INSERT INTO schema_migrations VALUES ({lastVersion}, false)");
        var schema = await Catalog.SnapshotAsync(Database);

        var import = await Run(migrations, "import");
        var up = await Run(migrations, "up");

        Assert.That(import.ExitCode, Is.Zero, import.ToString());
        Assert.That(import.Output, Does.Contain("100 matched, 0 unmatched, 0 local only"));
        Assert.That(up.Output, Does.Contain("up to date"), up.ToString());
        Assert.That(await Catalog.SnapshotAsync(Database), Is.EqualTo(schema));
    }

    [Test]
    public async Task Import_waits_for_no_one_while_node_pg_migrate_holds_its_own_lock_and_writes_nothing()
    {
        using var migrations = new Migrations().Add("20240101120000_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY);");
        await SqlAsync("CREATE TABLE users (id bigint PRIMARY KEY)", "CREATE TABLE pgmigrations (id SERIAL PRIMARY KEY, name varchar(255) NOT NULL, run_on timestamp NOT NULL)",
            "INSERT INTO pgmigrations (name, run_on) VALUES ('20240101120000_users', now())");
        await using var nodePgMigrate = await Database.OpenConnectionAsync();
        await using (var hold = new Npgsql.NpgsqlCommand("SELECT pg_advisory_lock(7241865325823964)", nodePgMigrate))
        {
            await hold.ExecuteNonQueryAsync();
        }

        var import = await Run(migrations, "import");

        Assert.That(import.ExitCode, Is.EqualTo(ExitCodes.LockNotAcquired), import.ToString());
        Assert.That(import.Error, Does.Contain("node-pg-migrate holds its own migration lock"));
        Assert.That(await Database.ScalarAsync<long>($"SELECT count(*) FROM {History}"), Is.Zero);
    }

    [Test]
    public async Task Baseline_warns_when_it_sees_another_tools_history_table()
    {
        using var migrations = GolangMigrateFolder(2);
        await GolangMigrateStateAsync(version: 2, dirty: true, migrations);

        var baseline = await Run(migrations, "baseline", "--version", "2");

        Assert.That(baseline.ExitCode, Is.Zero, baseline.ToString());
        Assert.That(baseline.All, Does.Contain("MT2012").And.Contain("schema_migrations (golang-migrate)").And.Contain("migrations import"));
    }

    [TestCase("dbmate", "CREATE TABLE schema_migrations (version varchar NOT NULL PRIMARY KEY)", "INSERT INTO schema_migrations VALUES ('20240101120000')")]
    [TestCase("node-pg-migrate", "CREATE TABLE pgmigrations (id SERIAL PRIMARY KEY, name varchar(255) NOT NULL, run_on timestamp NOT NULL)", "INSERT INTO pgmigrations (name, run_on) VALUES ('20240101120000_users', '2021-05-06 07:08:09')")]
    [TestCase("typeorm", "CREATE TABLE migrations (id SERIAL PRIMARY KEY, timestamp bigint NOT NULL, name varchar NOT NULL)", "INSERT INTO migrations (timestamp, name) VALUES (20240101120000, 'Users20240101120000')")]
    [TestCase("efcore", "CREATE TABLE \"__EFMigrationsHistory\" (\"MigrationId\" varchar(150) PRIMARY KEY, \"ProductVersion\" varchar(32) NOT NULL)", "INSERT INTO \"__EFMigrationsHistory\" VALUES ('20240101120000_Users', '8.0.0')")]
    public async Task A_database_another_tool_migrated_is_detected_imported_and_then_only_the_new_migration_applies(string tool, string table, string row)
    {
        using var migrations = new Migrations()
            .Add("20240101120000_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY);")
            .Add("20240202120000_orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY);");
        await SqlAsync("CREATE TABLE users (id bigint PRIMARY KEY)", table, row);

        var import = await Run(migrations, "import");
        var up = await Run(migrations, "up");

        Assert.That(import.ExitCode, Is.Zero, import.ToString());
        Assert.That(import.Output, Does.Contain($"Import from {tool}").And.Contain("1 matched, 0 unmatched, 1 local only"));
        Assert.That(up.Output, Does.Contain("Applied 1 migration"), up.ToString());
        Assert.That(await Database.ScalarAsync<string>($"SELECT source FROM {History} WHERE version = 20240101120000"), Is.EqualTo("import:" + tool));
    }

    [TestCase("flyway", "")]
    [TestCase("dbmate", "CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)")]
    public async Task Import_from_a_tool_whose_table_is_not_there_is_refused_not_reported_as_nothing_to_import(string tool, string otherTable)
    {
        // Before: exit 0, "0 matched ... 1 local only. Nothing to import", and the next 'up' re-ran every migration.
        using var migrations = GolangMigrateFolder(1);
        await GolangMigrateStateAsync(version: 1, dirty: false, migrations);
        await SqlAsync("DROP TABLE schema_migrations", otherTable == "" ? "SELECT 1" : otherTable);

        var import = await Run(migrations, "import", "--from", tool);
        var dryRun = await Run(migrations, "import", "--from", tool, "--dry-run");

        Assert.That(import.ExitCode, Is.EqualTo(ExitCodes.Usage), import.ToString());
        Assert.That(import.Error, Does.Contain("MT4002").And.Contain($"no {tool} history table").And.Contain("nothing was imported"));
        Assert.That(dryRun.ExitCode, Is.EqualTo(ExitCodes.Usage), dryRun.ToString());
        Assert.That(import.Error, Does.Contain("'Search Path=<schema>'"));
        Assert.That(await Database.ScalarAsync<bool>($"SELECT to_regclass('{History}') IS NULL"), Is.True);
    }

    [Test]
    public async Task Import_from_drizzle_whose_table_is_in_another_schema_does_not_send_the_user_to_the_search_path()
    {
        // drizzle's table is read as drizzle.__drizzle_migrations: the search path does not move it.
        using var migrations = new Migrations().Add("0000_users.sql", "CREATE TABLE users (id bigint);");
        DrizzleJournal.Write(migrations, (1700000000000, "0000_users"));
        await SqlAsync("CREATE TABLE __drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)");

        var import = await Run(migrations, "import", "--from", "drizzle");

        Assert.That(import.ExitCode, Is.EqualTo(ExitCodes.Usage), import.ToString());
        Assert.That(import.Error, Does.Contain("drizzle.__drizzle_migrations is read in that schema only").And.Not.Contain("Search Path"));
    }

    [Test]
    public async Task A_flyway_version_undone_or_marked_deleted_after_it_ran_is_not_imported_as_applied()
    {
        // Flyway Teams' undo writes an UNDO_SQL row; 'flyway repair' of a missing script writes a DELETE row.
        // Flyway reads both versions as pending again; before, the import recorded them as applied and 'up' skipped them.
        using var migrations = new Migrations()
            .Add("V1__users.sql", "CREATE TABLE users (id bigint);")
            .Add("V2__orders.sql", "CREATE TABLE orders (id bigint);").Add("U2__orders.sql", "DROP TABLE orders;")
            .Add("V3__items.sql", "CREATE TABLE items (id bigint);");
        await FlywayStateAsync(migrations, ("1", "users", ForeignChecksumOf(migrations, "V1__users.sql"), true), ("2", "orders", ForeignChecksumOf(migrations, "V2__orders.sql"), true),
            ("3", "items", ForeignChecksumOf(migrations, "V3__items.sql"), true));
        await SqlAsync("DROP TABLE orders", "DROP TABLE items",
            "INSERT INTO flyway_schema_history VALUES (4, '2', 'orders', 'UNDO_SQL', 'U2__orders.sql', 1, 'app', '2020-01-03', 5, true)",
            "INSERT INTO flyway_schema_history VALUES (5, '3', 'items', 'DELETE', 'V3__items.sql', NULL, 'app', '2020-01-04', 0, true)");

        var import = await Run(migrations, "import");
        var up = await Run(migrations, "up");

        Assert.That(import.ExitCode, Is.Zero, import.ToString());
        Assert.That(import.Output, Does.Contain("1 matched, 0 unmatched, 2 local only"));
        Assert.That(up.Output, Does.Contain("Applied 2 migration"), up.ToString());
        Assert.That(await Database.ScalarAsync<string>($"SELECT string_agg(version::text || ' ' || coalesce(source, '-'), ',' ORDER BY version) FROM {History}"),
            Is.EqualTo("1 import:flyway,2 -,3 -"));
    }

    [Test]
    public async Task A_node_pg_migrate_row_is_matched_by_its_file_name_not_only_its_leading_digits()
    {
        // node-pg-migrate knows a migration by its file name. Before: the row of 20240101120000_users matched the
        // renamed 20240101120000_accounts.sql, and the row of 'init' (no digits) was dropped without a word.
        using var migrations = new Migrations().Add("20240101120000_accounts.sql", "-- Up Migration\nCREATE TABLE accounts (id bigint);\n-- Down Migration\nDROP TABLE accounts;\n");
        await SqlAsync("CREATE TABLE pgmigrations (id SERIAL PRIMARY KEY, name varchar(255) NOT NULL, run_on timestamp NOT NULL)",
            "INSERT INTO pgmigrations (name, run_on) VALUES ('init', '2021-05-06'), ('20240101120000_users', '2021-05-06')");

        var import = await Run(migrations, "import");

        Assert.That(import.ExitCode, Is.EqualTo(ExitCodes.InvalidMigrations), import.ToString());
        Assert.That(import.Output, Does.Contain("0 matched, 2 unmatched, 1 local only"));
        Assert.That(import.Error, Does.Contain("MT2011").And.Contain("init: no local file has this name")
            .And.Contain("20240101120000_users: no local file has this name ('20240101120000_accounts.sql' has its version"));
        Assert.That(await HistoryTablesAbsentAsync(), Is.True, "a refused import leaves the database as it was");
    }

    [Test]
    public async Task A_flyway_database_baselined_below_its_first_script_is_imported_with_its_repeatable_named_with_a_space()
    {
        // 'flyway baseline' (baselineVersion 1) on a schema made before Flyway: no V1 file, the scripts start at V2.
        // Before: refused (MT2011, "version 1 ... has no local file"), and R__active users.sql ("active users"
        // in the history, as R__active_users.sql would be) was not matched, so up would re-run it.
        using var migrations = new Migrations()
            .Add("V2__orders.sql", "CREATE TABLE orders (id bigint);")
            .Add("V3__items.sql", "CREATE TABLE items (id bigint);")
            .Add("R__active users.sql", "CREATE OR REPLACE VIEW active_orders AS SELECT id FROM orders;");
        await FlywayStateAsync(migrations, ("2", "orders", ForeignChecksumOf(migrations, "V2__orders.sql"), true));
        await Psql.RunAsync(Database, File.ReadAllText(Path.Combine(migrations.Path, "R__active users.sql")));
        await SqlAsync(
            "INSERT INTO flyway_schema_history VALUES (0, '1', '<< Flyway Baseline >>', 'BASELINE', '<< Flyway Baseline >>', NULL, 'app', '2020-01-01', 0, true)",
            $"INSERT INTO flyway_schema_history VALUES (2, NULL, 'active users', 'SQL', 'R__active users.sql', {ForeignChecksumOf(migrations, "R__active users.sql")}, 'app', '2020-01-02', 3, true)");

        var import = await Run(migrations, "import");
        var up = await Run(migrations, "up");

        Assert.That(import.ExitCode, Is.Zero, import.ToString());
        Assert.That(import.Output, Does.Contain("2 matched, 0 unmatched, 1 local only").And.Contain("matched     R__active users"));
        Assert.That(up.Output, Does.Contain("Applied 1 migration").And.Contain("3_items"), up.ToString());
    }

    [Test]
    public async Task A_flyway_row_with_a_version_of_three_parts_is_unmatched_not_an_internal_error()
    {
        // Flyway allows 2024.01.01.1200 (a common dated scheme); our versions take one '.' at most, so the local
        // file would be refused and no file can match the row. Before: MT3009 internal error (FormatException), exit 1.
        using var migrations = new Migrations().Add("V2__orders.sql", "CREATE TABLE orders (id bigint);");
        await FlywayStateAsync(migrations, ("2", "orders", ForeignChecksumOf(migrations, "V2__orders.sql"), true));
        await SqlAsync("INSERT INTO flyway_schema_history VALUES (2, '2024.01.01.1200', 'dated', 'SQL', 'V2024.01.01.1200__dated.sql', 7, 'app', '2020-01-03', 3, true)");

        var import = await Run(migrations, "import", "--dry-run");

        Assert.That(import.ExitCode, Is.EqualTo(ExitCodes.InvalidMigrations), import.ToString());
        Assert.That(import.Output, Does.Contain("1 matched, 1 unmatched, 0 local only"));
        Assert.That(import.Error, Does.Contain("MT2011").And.Contain("2024.01.01.1200 dated: a Flyway version of more than two parts"));
    }

    [Test]
    public async Task A_history_table_off_the_search_path_is_found_once_its_schema_is_on_it_as_the_error_says()
    {
        // Flyway with schemas=app keeps app.flyway_schema_history. Before, the error said "pass --from ... if it
        // lives elsewhere", which found nothing either (and, before that fix, reported nothing to import).
        using var migrations = new Migrations().Add("V1__users.sql", "CREATE TABLE users (id bigint);");
        await FlywayStateAsync(migrations, ("1", "users", ForeignChecksumOf(migrations, "V1__users.sql"), true));
        await SqlAsync("CREATE SCHEMA app", "ALTER TABLE flyway_schema_history SET SCHEMA app");

        var notFound = await Run(migrations, "import");
        var found = await Tool.RunAsync(["import", "--dir", migrations.Path, "--connection", Database.ConnectionString + ";Search Path=app"]);

        Assert.That(notFound.ExitCode, Is.EqualTo(ExitCodes.Usage), notFound.ToString());
        Assert.That(notFound.Error, Does.Contain("MT4002").And.Contain("flyway_schema_history").And.Contain("'Search Path=<schema>'").And.Not.Contain("if it lives elsewhere"));
        Assert.That(found.ExitCode, Is.Zero, found.ToString());
        Assert.That(found.Output, Does.Contain("Import from flyway (flyway_schema_history): 1 matched"));
    }

    [Test]
    public async Task A_migration_the_tool_skipped_below_an_applied_one_is_reported_as_out_of_order_not_as_pending()
    {
        // dbmate runs every pending file, so 2 can be missing while 1 and 3 ran (a merged branch). Before: "pending:
        // 'migrations up' applies it", and up then refused it (MT2003).
        using var migrations = new Migrations();
        foreach (var i in new[] { 1, 2, 3 })
        {
            migrations.Add($"2024010112000{i}_t{i}.sql", $"-- migrate:up\nCREATE TABLE t{i} (id int);\n-- migrate:down\nDROP TABLE t{i};\n");
        }

        await SqlAsync("CREATE TABLE schema_migrations (version varchar(128) PRIMARY KEY)", "INSERT INTO schema_migrations VALUES ('20240101120001'), ('20240101120003')",
            "CREATE TABLE t1 (id int)", "CREATE TABLE t3 (id int)");

        var import = await Run(migrations, "import");
        var up = await Run(migrations, "up");

        Assert.That(import.ExitCode, Is.Zero, import.ToString());
        Assert.That(import.Output, Does.Contain("local only  20240101120002_t2 (pending below an applied version: 'migrations up' refuses it as out of order, MT2003)"));
        Assert.That(import.All, Does.Contain("MT2013").And.Contain("allow-out-of-order"));
        Assert.That(up.Error, Does.Contain("MT2003"), up.ToString());
    }

    private static Migrations GolangMigrateFolder(int count)
    {
        var migrations = new Migrations();
        for (var i = 1; i <= count; i++)
        {
            migrations.Add($"000{i}_t{i}.up.sql", $"CREATE TABLE t{i} (id int);").Add($"000{i}_t{i}.down.sql", $"DROP TABLE t{i};");
        }

        return migrations;
    }

    private Task<bool> HistoryTablesAbsentAsync() =>
        Database.ScalarAsync<bool>($"SELECT to_regclass('{History}') IS NULL AND to_regclass('{History}_audit') IS NULL");

    // golang-migrate's postgres driver: CREATE TABLE IF NOT EXISTS schema_migrations (version bigint not null primary key, dirty boolean not null), one row.
    private async Task GolangMigrateStateAsync(int version, bool dirty, Migrations migrations)
    {
        foreach (var up in Directory.GetFiles(migrations.Path, "*.up.sql").Order().Take(version))
        {
            await Psql.RunAsync(Database, File.ReadAllText(up));
        }

        await SqlAsync("CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)", $"INSERT INTO schema_migrations VALUES ({version}, {dirty})");
    }

    // drizzle-orm's pg migrator: schema drizzle, each row the SHA-256 of the file text it ran and the journal's 'when'.
    private async Task DrizzleStateAsync(params (long When, string RanText)[] rows)
    {
        await SqlAsync("CREATE SCHEMA drizzle", "CREATE TABLE drizzle.__drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)");
        foreach (var (when, text) in rows)
        {
            await Database.ExecuteAsync($"INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ('{ForeignChecksums.Drizzle(System.Text.Encoding.UTF8.GetBytes(text))}', {when})");
        }
    }

    // Flyway's flyway_schema_history, with the columns and types Flyway creates on PostgreSQL.
    private async Task FlywayStateAsync(Migrations migrations, params (string Version, string Description, int Checksum, bool Success)[] rows)
    {
        await Database.ExecuteAsync("""
            CREATE TABLE flyway_schema_history (installed_rank int NOT NULL PRIMARY KEY, version varchar(50), description varchar(200) NOT NULL, type varchar(20) NOT NULL,
              script varchar(1000) NOT NULL, checksum int, installed_by varchar(100) NOT NULL, installed_on timestamp NOT NULL DEFAULT now(), execution_time int NOT NULL, success boolean NOT NULL)
            """);
        var rank = 1;
        foreach (var (version, description, checksum, success) in rows)
        {
            var script = Directory.GetFiles(migrations.Path, $"V{version}__*.sql").Select(Path.GetFileName).Single();
            if (success)
            {
                await Psql.RunAsync(Database, File.ReadAllText(Path.Combine(migrations.Path, script!)));
            }

            await Database.ExecuteAsync($"INSERT INTO flyway_schema_history VALUES ({rank++}, '{version}', '{description}', 'SQL', '{script}', {checksum}, 'app', '2020-01-02 03:04:05', 12, {success})");
        }
    }

    private static int ForeignChecksumOf(Migrations migrations, string file) => ForeignChecksums.Flyway(File.ReadAllBytes(Path.Combine(migrations.Path, file)));
}
