using MigrationTasks.Configuration;
using MigrationTasks.Layouts;
using MigrationTasks.Diagnostics;
using MigrationTasks.Files;
using MigrationTasks.Postgres.Dialect;

namespace MigrationTasks.Core.Tests.Files;

public sealed class MigrationDirectoryTests
{
    private MigrationFolder _folder = null!;

    [SetUp]
    public void SetUp() => _folder = new MigrationFolder();

    [TearDown]
    public void TearDown() => _folder.Dispose();

    [Test]
    public void Migrations_are_ordered_numerically_not_by_text()
    {
        _folder.Write("10_ten.sql", "SELECT 10;");
        _folder.Write("9_nine.sql", "SELECT 9;");
        _folder.Write("0002_two.sql", "SELECT 2;");
        _folder.Write("20260126120000_timestamped.sql", "SELECT 3;");

        var set = Linted.Load(_folder.Path);

        Assert.That(set.Diagnostics, Is.Empty);
        Assert.That(set.Migrations.Select(m => m.VersionText), Is.EqualTo(new[] { "0002", "9", "10", "20260126120000" }));
    }

    [Test]
    public void Down_files_pair_with_their_up_migration_and_up_spelling_is_accepted()
    {
        _folder.Write("0001_create.up.sql", "CREATE TABLE t (id int);");
        _folder.Write("0001_create.down.sql", "DROP TABLE t;");
        _folder.Write("0002_more.sql", "SELECT 1;");

        var set = Linted.Load(_folder.Path);

        Assert.That(set.Diagnostics, Is.Empty);
        Assert.That(set.Migrations[0].Name, Is.EqualTo("create"));
        Assert.That(set.Migrations[0].Down!.Statements[0].Text, Is.EqualTo("DROP TABLE t"));
        Assert.That(set.Migrations[1].Down, Is.Null);
    }

    [Test]
    public void Names_with_dots_and_dashes_are_valid()
    {
        _folder.Write("0007_upgrade_channels_v6.0.sql", "SELECT 1;");
        _folder.Write("0008_add-index.sql", "SELECT 1;");

        var set = Linted.Load(_folder.Path);

        Assert.That(set.Diagnostics, Is.Empty);
        Assert.That(set.Migrations.Select(m => m.Name), Is.EqualTo(new[] { "upgrade_channels_v6.0", "add-index" }));
    }

    [Test]
    public void Duplicate_versions_are_an_error_naming_both_files()
    {
        _folder.Write("0001_first.sql", "SELECT 1;");
        _folder.Write("1_second.sql", "SELECT 2;");

        var set = Linted.Load(_folder.Path);

        var error = set.Errors.Single();
        Assert.That(error.Code, Is.EqualTo(DiagnosticCodes.DuplicateVersion));
        Assert.That(error.Message, Does.Contain("0001_first.sql").And.Contain("1_second.sql"));
    }

    [TestCase("create_users.sql")]
    [TestCase("0001-create_users.sql")]
    [TestCase("0001_create users.sql")]
    [TestCase("0001_.sql")]
    [TestCase("0001_create_users.SQL")]
    public void A_file_that_looks_like_a_migration_but_is_misnamed_is_an_error_not_skipped(string fileName)
    {
        _folder.Write(fileName, "SELECT 1;");

        var set = Linted.Load(_folder.Path);

        var error = set.Errors.Single();
        Assert.That(error.Code, Is.EqualTo(DiagnosticCodes.InvalidFileName));
        Assert.That(error.File, Does.EndWith(fileName));
    }

    [Test]
    public void A_name_with_letters_outside_ascii_is_read_as_written()
    {
        // golang-migrate takes any name; before, "the name contains 'ñ'; names may use letters, ..." (MT1001), so such a
        // folder could not be adopted without renaming. The second name is decomposed (n + U+0303), as macOS may write it.
        _folder.Write("0001_añadir_índice.up.sql", "SELECT 1;");
        _folder.Write("0001_añadir_índice.down.sql", "SELECT 1;");
        _folder.Write("0002_crea\u0301r_ni\u0303o.up.sql", "SELECT 2;");
        _folder.Write("0003_用户表.up.sql", "SELECT 3;");

        var set = Linted.Load(_folder.Path);

        Assert.That(set.Errors, Is.Empty);
        Assert.That(set.Migrations.Select(m => m.Name), Is.EqualTo(new[] { "añadir_índice", "crea\u0301r_ni\u0303o", "用户表" }));
        Assert.That(set.Migrations[0].Down, Is.Not.Null);
    }

    // A Flyway name alone makes a Flyway folder (docs/adopting.md); beside our files it is still never skipped.
    [Test]
    public void A_flyway_named_file_among_ours_is_an_error_not_skipped()
    {
        _folder.Write("0001_first.sql", "SELECT 1;");
        _folder.Write("V1__create_users.sql", "SELECT 1;");

        var detected = Linted.Load(_folder.Path);
        var forced = Linted.Load(_folder.Path, layout: MigrationLayout.MigrationTasks);

        Assert.That(detected.Errors.Single().Code, Is.EqualTo(DiagnosticCodes.MixedLayouts));
        Assert.That(detected.Errors.Single().Message, Does.Contain("V1__create_users.sql").And.Contain("0001_first.sql"));
        Assert.That(forced.Errors.Single().Code, Is.EqualTo(DiagnosticCodes.InvalidFileName));
        Assert.That(forced.Errors.Single().File, Does.EndWith("V1__create_users.sql"));
    }

    [Test]
    public void Files_that_are_not_sql_are_left_alone()
    {
        _folder.Write("README.md", "# notes");
        _folder.Write("migrations.sum", "whatever");
        _folder.Write("0001_one.sql", "SELECT 1;");

        var set = Linted.Load(_folder.Path);

        Assert.That(set.Diagnostics, Is.Empty);
        Assert.That(set.Migrations, Has.Count.EqualTo(1));
    }

    [Test]
    public void A_down_file_without_its_up_migration_is_an_error()
    {
        _folder.Write("0003_gone.down.sql", "DROP TABLE t;");

        var set = Linted.Load(_folder.Path);

        Assert.That(set.Errors.Single().Code, Is.EqualTo(DiagnosticCodes.DownWithoutUp));
    }

    [Test]
    public void An_empty_or_comment_only_migration_is_valid_with_a_warning()
    {
        _folder.Write("0001_placeholder.sql", "-- nothing to do yet\n");

        var set = Linted.Load(_folder.Path);

        Assert.That(set.HasErrors, Is.False);
        Assert.That(set.Diagnostics.Single().Code, Is.EqualTo(DiagnosticCodes.EmptyMigration));
        Assert.That(set.Migrations.Single().Up.IsEmpty, Is.True);
    }

    [Test]
    public void An_empty_down_file_says_reverting_runs_nothing_not_that_it_is_recorded_as_applied()
    {
        _folder.Write("0001_create.sql", "CREATE TABLE t (id int);");
        _folder.Write("0001_create.down.sql", "-- nothing yet\n");

        var set = Linted.Load(_folder.Path);

        var warning = set.Diagnostics.Single();
        Assert.That(warning.Code, Is.EqualTo(DiagnosticCodes.EmptyMigration));
        Assert.That(warning.Message, Does.Contain("reverting will run nothing").And.Not.Contain("recorded as applied"));
    }

    [Test]
    public void An_unterminated_string_is_an_error_at_its_position()
    {
        _folder.Write("0001_broken.sql", "SELECT 1;\nSELECT 'oops;\n");

        var set = Linted.Load(_folder.Path);

        var error = set.Errors.Single();
        Assert.That(error.Code, Is.EqualTo(DiagnosticCodes.UnterminatedToken));
        Assert.That((error.Line, error.Column), Is.EqualTo((2, 8)));
    }

    [Test]
    public void A_missing_folder_is_an_error_that_says_what_to_do()
    {
        var set = Linted.Load(Path.Combine(_folder.Path, "nope"));

        Assert.That(set.Errors.Single().Code, Is.EqualTo(DiagnosticCodes.DirectoryNotFound));
    }

    [Test]
    public void A_missing_folder_names_the_setting_in_words_not_a_front_ends_flag()
    {
        var set = MigrationDirectory.Load(PostgresDialect.Instance, Path.Combine(_folder.Path, "nope"));

        var error = set.Errors.Single();
        Assert.That(error.Setting, Is.EqualTo(SettingNames.Directory));
        Assert.That(error.Message, Does.Contain("point the migrations folder at").And.Not.Contain("--"));
    }
}
