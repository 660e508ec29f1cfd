using MigrationTasks.Bundles;
using MigrationTasks.Diagnostics;
using MigrationTasks.Files;
using MigrationTasks.Layouts;
using MigrationTasks.Sums;

namespace MigrationTasks.Core.Tests.Layouts;

/// <summary>How other tools' folders are read into migrations (docs/adopting.md), without a database.</summary>
public sealed class LayoutReadingTests
{
    private MigrationFolder _folder = null!;

    [SetUp]
    public void SetUp() => _folder = new MigrationFolder();

    [TearDown]
    public void TearDown() => _folder.Dispose();

    [Test]
    public void Editing_a_dbmate_down_section_leaves_the_up_checksum_as_it_was()
    {
        _folder.Write("20240101120000_users.sql", "-- migrate:up\nCREATE TABLE users (id bigint);\n-- migrate:down\nDROP TABLE users;\n");
        var before = Linted.Load(_folder.Path).Migrations.Single();

        _folder.Write("20240101120000_users.sql", "-- migrate:up\nCREATE TABLE users (id bigint);\n-- migrate:down\nDROP TABLE IF EXISTS users;\n");
        var after = Linted.Load(_folder.Path).Migrations.Single();

        Assert.That(after.Layout, Is.EqualTo(MigrationLayout.Dbmate));
        Assert.That(after.Checksum, Is.EqualTo(before.Checksum));
        Assert.That(after.Down!.Checksum, Is.Not.EqualTo(before.Down!.Checksum));
        Assert.That(after.Up.Statements.Select(s => s.Text), Is.EqualTo(new[] { "CREATE TABLE users (id bigint)" }));
    }

    [Test]
    public void A_down_section_keeps_the_files_line_numbers()
    {
        _folder.Write("20240101120000_users.sql", "-- migrate:up\nCREATE TABLE users (id bigint);\n\n-- migrate:down\nDROP TABLE users;\n");

        var migration = Linted.Load(_folder.Path).Migrations.Single();

        Assert.That(migration.Down!.Statements.Single().Line, Is.EqualTo(5));
        Assert.That(migration.Down.IsDown, Is.True);
        Assert.That(migration.Up.IsDown, Is.False);
    }

    [Test]
    public void A_drizzle_breakpoint_ends_a_statement_without_a_semicolon()
    {
        _folder.Write("0000_init.sql", "CREATE TABLE a (id int)\n--> statement-breakpoint\nCREATE TABLE b (id int);\n--> statement-breakpoint\nCREATE TABLE c (note text DEFAULT '--> statement-breakpoint');");
        Directory.CreateDirectory(Path.Combine(_folder.Path, "meta"));
        File.WriteAllText(Path.Combine(_folder.Path, "meta", "_journal.json"), """{"entries":[{"idx":0,"when":1700000000000,"tag":"0000_init"}]}""");

        var set = Linted.Load(_folder.Path);

        Assert.That(set.Errors, Is.Empty);
        var migration = set.Migrations.Single();
        Assert.That(migration.VersionText, Is.EqualTo("1700000000000"));
        Assert.That(migration.Up.Statements.Select(s => s.Text), Is.EqualTo(new[]
        {
            "CREATE TABLE a (id int)", "CREATE TABLE b (id int)", "CREATE TABLE c (note text DEFAULT '--> statement-breakpoint')",
        }));
    }

    [Test]
    public void A_drizzle_file_missing_from_the_journal_is_an_error_not_skipped()
    {
        _folder.Write("0000_init.sql", "SELECT 1;");
        _folder.Write("0001_stray.sql", "SELECT 2;");
        Directory.CreateDirectory(Path.Combine(_folder.Path, "meta"));
        File.WriteAllText(Path.Combine(_folder.Path, "meta", "_journal.json"), """{"entries":[{"idx":0,"when":1700000000000,"tag":"0000_init"}]}""");

        var error = Linted.Load(_folder.Path).Errors.Single();

        Assert.That(error.Code, Is.EqualTo(DiagnosticCodes.InvalidLayoutFile));
        Assert.That(error.File, Does.EndWith("0001_stray.sql"));
    }

    [Test]
    public void A_drizzle_journal_listing_a_file_twice_says_so_not_that_the_file_is_missing()
    {
        // Before: "lists '0000_init' but '0000_init.sql' is not in the folder; restore the file", with the file right there.
        _folder.Write("0000_init.sql", "SELECT 1;");
        Directory.CreateDirectory(Path.Combine(_folder.Path, "meta"));
        File.WriteAllText(Path.Combine(_folder.Path, "meta", "_journal.json"),
            """{"entries":[{"idx":0,"when":1700000000000,"tag":"0000_init"},{"idx":1,"when":1700000100000,"tag":"0000_init"}]}""");

        var error = Linted.Load(_folder.Path).Errors.Single();

        Assert.That(error.Code, Is.EqualTo(DiagnosticCodes.InvalidLayoutFile));
        Assert.That(error.Message, Does.Contain("lists '0000_init' twice").And.Not.Contain("restore the file"));
    }

    [Test]
    public void Flyway_versions_that_order_differently_as_numbers_are_refused()
    {
        _folder.Write("V1.2__a.sql", "SELECT 1;");
        _folder.Write("V1.10__b.sql", "SELECT 2;");

        var error = Linted.Load(_folder.Path).Errors.Single();

        Assert.That(error.Code, Is.EqualTo(DiagnosticCodes.InvalidLayoutFile));
        Assert.That(error.Message, Does.Contain("1.10").And.Contain("1.2"));
    }

    [Test]
    public void A_flyway_callback_file_is_an_error_that_says_it_is_a_callback_we_do_not_run()
    {
        // Before: "Flyway names are V<version>__...", as if Flyway would not run afterMigrate.sql either.
        _folder.Write("V1__users.sql", "CREATE TABLE users (id bigint);");
        _folder.Write("afterMigrate.sql", "GRANT SELECT ON ALL TABLES IN SCHEMA public TO reporting;");
        _folder.Write("beforeEachMigrate__audit.sql", "SELECT 1;");

        var errors = Linted.Load(_folder.Path).Errors;

        Assert.That(errors.Select(e => (e.Code, Path.GetFileName(e.File))), Is.EquivalentTo(new[]
        {
            (DiagnosticCodes.InvalidLayoutFile, "afterMigrate.sql"), (DiagnosticCodes.InvalidLayoutFile, "beforeEachMigrate__audit.sql"),
        }));
        Assert.That(errors.Select(e => e.Message), Has.All.Contain("is a Flyway callback (").And.All.Contain("MigrationTasks does not run").And.All.Contain("R__ script"));
    }

    [Test]
    public void A_flyway_script_in_a_subfolder_is_an_error_not_skipped()
    {
        // Flyway finds db/migration/2023/V1__a.sql; before, we read the top level only and ran V3 alone, with no word.
        _folder.Write("V3__c.sql", "CREATE TABLE c (id int);");
        Directory.CreateDirectory(Path.Combine(_folder.Path, "2023"));
        File.WriteAllText(Path.Combine(_folder.Path, "2023", "V1__a.sql"), "CREATE TABLE a (id int);");

        var error = Linted.Load(_folder.Path).Errors.Single();

        Assert.That(error.Code, Is.EqualTo(DiagnosticCodes.InvalidLayoutFile));
        Assert.That(error.File, Does.EndWith("V1__a.sql"));
        Assert.That(error.Message, Does.Contain(Path.Combine("2023", "V1__a.sql") + "' is in a subfolder").And.Contain("Move it into the folder"));
    }

    [Test]
    public void A_folder_whose_flyway_scripts_are_all_in_subfolders_is_an_error_and_other_subfolders_are_left_alone()
    {
        Directory.CreateDirectory(Path.Combine(_folder.Path, "v1"));
        File.WriteAllText(Path.Combine(_folder.Path, "v1", "V1__a.sql"), "CREATE TABLE a (id int);");
        using var ours = new MigrationFolder();
        ours.Write("0001_a.sql", "CREATE TABLE a (id int);");
        Directory.CreateDirectory(Path.Combine(ours.Path, "seeds"));
        File.WriteAllText(Path.Combine(ours.Path, "seeds", "users.sql"), "INSERT INTO a VALUES (1);");

        Assert.That(Linted.Load(_folder.Path).Errors.Single().Message, Does.Contain("is in a subfolder"));
        Assert.That(Linted.Load(ours.Path).Errors, Is.Empty);
    }

    [Test]
    public void Flyway_versions_order_as_flyway_orders_them()
    {
        _folder.Write("V2__c.sql", "SELECT 3;");
        _folder.Write("V1_1__b.sql", "SELECT 2;");
        _folder.Write("V1__a.sql", "SELECT 1;");
        _folder.Write("R__view.sql", "SELECT 4;");

        var set = Linted.Load(_folder.Path);

        Assert.That(set.Errors, Is.Empty);
        Assert.That(set.Migrations.Select(m => m.DisplayName), Is.EqualTo(new[] { "1_a", "1.1_b", "2_c", "R__view" }));
        Assert.That(set.Migrations[3].Version.IsNegative, Is.True);
    }

    [Test]
    public void A_statement_before_the_dbmate_up_marker_is_an_error_at_its_line_not_dropped()
    {
        // dbmate refuses this file (statementsPrecedeMigrateBlocks); the CREATE TYPE would never run in ours either.
        _folder.Write("20240101120000_status.sql", "-- the status type\n\nCREATE TYPE status AS ENUM ('on', 'off');\n-- migrate:up\nCREATE TABLE t (s status);\n-- migrate:down\nDROP TABLE t;\n");
        _folder.Write("20240101130000_comments.sql", "-- a header comment\n   -- indented\n\n-- migrate:up\nSELECT 1;\n");

        var error = Linted.Load(_folder.Path).Errors.Single();

        Assert.That(error.Code, Is.EqualTo(DiagnosticCodes.InvalidLayoutFile));
        Assert.That(error.File, Does.EndWith("20240101120000_status.sql"));
        Assert.That(error.Line, Is.EqualTo(3));
        Assert.That(error.Message, Does.Contain("before '-- migrate:up'").And.Contain("move it into the up section"));
    }

    [Test]
    public void A_dbmate_transaction_false_is_honoured_in_a_file_with_crlf_line_endings()
    {
        // dbmate splits the marker line's options on \s+, so its '\r' is no part of them. Before: "transaction:false\r",
        // and the backfill ran in one transaction (statements that can run in one, so nothing else noticed).
        _folder.Write("20240101120000_backfill.sql",
            "-- migrate:up transaction:false\r\nUPDATE t SET a = 1 WHERE id < 1000;\r\nUPDATE t SET a = 1 WHERE id >= 1000;\r\n-- migrate:down transaction:false\r\nUPDATE t SET a = NULL;\r\n");

        var migration = Linted.Load(_folder.Path).Migrations.Single();

        Assert.That(migration.Up.Directives.NoTransactionBy, Is.EqualTo("dbmate transaction:false"));
        Assert.That(migration.Down!.Directives.NoTransactionBy, Is.EqualTo("dbmate transaction:false"));
    }

    [Test]
    public void A_dbmate_down_section_before_the_up_section_is_an_error_at_the_down_marker()
    {
        // dbmate refuses it (ErrParseWrongOrder); before, the first fix called the down section's statement "never run".
        _folder.Write("20240101120000_users.sql", "-- migrate:down\nDROP TABLE users;\n-- migrate:up\nCREATE TABLE users (id bigint);\n");

        var error = Linted.Load(_folder.Path).Errors.Single();

        Assert.That(error.Code, Is.EqualTo(DiagnosticCodes.InvalidLayoutFile));
        Assert.That(error.Line, Is.EqualTo(1));
        Assert.That(error.Message, Does.Contain("down marker (line 1) comes before '-- migrate:up'"));
    }

    [Test]
    public void A_goose_folder_is_an_error_at_its_up_annotation_not_read_as_plain_migrations()
    {
        // goose's files hold both directions; before, each was read as one of ours and its Down section ran on the way up.
        _folder.Write("20240101120000_create_users.sql",
            "-- a header\r\n-- +goose Up\r\n-- +goose StatementBegin\r\nCREATE TABLE users (id bigint);\r\n-- +goose StatementEnd\r\n\r\n-- +goose Down\r\nDROP TABLE users;\r\n");
        _folder.Write("20240102120000_add_email.sql", "-- +goose up\nALTER TABLE users ADD COLUMN email text;\n");

        var set = Linted.Load(_folder.Path);

        var error = set.Errors.Single();
        Assert.That(set.Migrations, Is.Empty);
        Assert.That((error.Code, Path.GetFileName(error.File), error.Line), Is.EqualTo((DiagnosticCodes.InvalidLayoutFile, "20240101120000_create_users.sql", 2)));
        Assert.That(error.Message, Does.Contain("goose").And.Contain("Down section would run on the way up").And.Contain(".up.sql"));
    }

    [Test]
    public void A_node_pg_migrate_file_without_an_up_marker_beside_others_is_an_error_naming_it()
    {
        _folder.Write("1700000000000_first.sql", "-- Up Migration\nSELECT 1;\n-- Down Migration\n");
        _folder.Write("1700000001000_second.sql", "SELECT 2;");

        var error = Linted.Load(_folder.Path).Errors.Single();

        Assert.That(error.Code, Is.EqualTo(DiagnosticCodes.MixedLayouts));
        Assert.That(error.Message, Does.Contain("1700000000000_first.sql").And.Contain("1700000001000_second.sql"));
    }

    [Test]
    public void A_flyway_folder_round_trips_through_migrations_sum_without_its_repeatables()
    {
        _folder.Write("V1__a.sql", "SELECT 1;");
        _folder.Write("V1_1__b.sql", "SELECT 2;");
        _folder.Write("R__view.sql", "SELECT 3;");
        var sum = Path.Combine(_folder.Path, MigrationsSum.FileName);
        SumCheck.Run(Linted.Load(_folder.Path), sum, SumMode.Rewrite);

        _folder.Write("R__view.sql", "SELECT 4;");
        var verified = SumCheck.Run(Linted.Load(_folder.Path), sum, SumMode.Verify);

        Assert.That(verified.Diagnostics, Is.Empty);
        Assert.That(File.ReadAllText(sum), Does.Contain("1.1 V1_1__b.sql sha256:").And.Not.Contain("R__view"));
    }

    [Test]
    public void A_bundle_of_a_folder_forced_to_our_layout_is_verified_in_our_layout()
    {
        _folder.Write("0001_users.sql", "-- Up Migration\nCREATE TABLE users (id bigint);\n");
        var bundle = Path.Combine(_folder.Path, "bundle");
        BundleWriter.Write(Linted.Load(_folder.Path, layout: MigrationLayout.MigrationTasks), bundle, "0.1.0");

        var verified = Linted.Verify(bundle);

        Assert.That(verified.Diagnostics, Is.Empty);
        Assert.That(verified.Migrations.Migrations.Single().Layout, Is.EqualTo(MigrationLayout.MigrationTasks));
    }

    [Test]
    public void A_drizzle_bundle_keeps_the_statement_breakpoints_and_the_journal_versions()
    {
        _folder.Write("0000_init.sql", "CREATE TABLE a (id int)\n--> statement-breakpoint\nCREATE TABLE b (id int);");
        Directory.CreateDirectory(Path.Combine(_folder.Path, "meta"));
        File.WriteAllText(Path.Combine(_folder.Path, "meta", "_journal.json"), """{"entries":[{"idx":0,"when":1700000000000,"tag":"0000_init"}]}""");
        var bundle = Path.Combine(_folder.Path, "bundle");
        BundleWriter.Write(Linted.Load(_folder.Path), bundle, "0.1.0");

        var verified = Linted.Verify(bundle);

        Assert.That(verified.Diagnostics, Is.Empty);
        var migration = verified.Migrations.Migrations.Single();
        Assert.That((migration.VersionText, migration.Name, migration.Layout), Is.EqualTo(("1700000000000", "0000_init", MigrationLayout.Drizzle)));
        Assert.That(migration.Up.Statements, Has.Count.EqualTo(2));
    }

    [TestCase("1.1", "1.10", 0)]
    [TestCase("1.2", "1.10", 1)]
    [TestCase("2", "10.5", -1)]
    [TestCase("0002.50", "2.5", 0)]
    public void Decimal_versions_compare_as_numbers(string left, string right, int expected)
    {
        Assert.That(MigrationVersion.TryParseDecimal(left, out var a) && MigrationVersion.TryParseDecimal(right, out var b) ? Math.Sign(a.CompareTo(b)) : 99, Is.EqualTo(expected));
    }

    [Test]
    public void Our_file_names_still_take_digits_only()
    {
        Assert.That(MigrationVersion.TryParse("1.1", out _), Is.False);
    }
}
