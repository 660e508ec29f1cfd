using MigrationTasks.Diagnostics;
using MigrationTasks.Sums;
using static MigrationTasks.Core.Tests.Sums.SumTestFiles;

namespace MigrationTasks.Core.Tests.Sums;

public sealed class SumCheckTests
{
    private static string Recorded(params (string Name, string Sql)[] files) =>
        SumCheck.Compare(Set(files), SumPath, null, SumMode.Append).UpdatedText!;

    private static readonly (string, string)[] Two =
    [
        ("0001_users.sql", "CREATE TABLE users (id int);"),
        ("0002_orders.sql", "CREATE TABLE orders (id int);"),
    ];

    [Test]
    public void A_missing_sum_file_is_written_with_every_migration_and_a_total()
    {
        var result = SumCheck.Compare(Three(), SumPath, null, SumMode.Append);

        var lines = result.UpdatedText!.Split('\n');
        Assert.That(lines[0], Is.EqualTo("migrations.sum v1"));
        Assert.That(lines[1], Does.Match("^0001 0001_users.sql sha256:[0-9a-f]{64}$"));
        Assert.That(lines[3], Does.StartWith("0003 0003_seed.sql "));
        Assert.That(lines[4], Does.Match("^total sha256:[0-9a-f]{64}$"));
        Assert.That(lines[5], Is.Empty, "the file ends with a line feed");
        Assert.That(result.Diagnostics, Is.Empty);
    }

    [Test]
    public void A_new_migration_is_appended_without_touching_recorded_lines()
    {
        var before = Recorded(Two);

        var after = SumCheck.Compare(Three(), SumPath, Bytes(before), SumMode.Append).UpdatedText!;

        var recordedLines = before.Split('\n')[..3];
        Assert.That(after.Split('\n')[..3], Is.EqualTo(recordedLines));
        Assert.That(after.Split('\n')[3], Does.StartWith("0003 0003_seed.sql sha256:"));
    }

    [Test]
    public void An_up_to_date_sum_file_is_left_alone()
    {
        var result = SumCheck.Compare(Three(), SumPath, Bytes(Recorded(Three().Migrations.Select(m => (System.IO.Path.GetFileName(m.Path), m.Up.Text)).ToArray())), SumMode.Verify);

        Assert.That((result.Diagnostics, result.UpdatedText), Is.EqualTo((Array.Empty<Diagnostic>(), (string?)null)));
    }

    [Test]
    public void An_edited_recorded_migration_is_an_error_naming_the_file()
    {
        var sum = Recorded(Two);
        var edited = Set(("0001_users.sql", "CREATE TABLE users (id bigint);"), Two[1]);

        var result = SumCheck.Compare(edited, SumPath, Bytes(sum), SumMode.Append);

        var error = result.Diagnostics.Single();
        Assert.That((error.Code, error.File), Is.EqualTo((DiagnosticCodes.RecordedMigrationChanged, "migrations/0001_users.sql")));
        Assert.That(error.Message, Does.Contain("line 2").And.Contain(NextStep.AcceptSum.ToString()));
        Assert.That(result.UpdatedText, Is.Null);
    }

    [Test]
    public void A_deleted_recorded_migration_is_an_error_at_its_sum_line()
    {
        var result = SumCheck.Compare(Set(Two[0]), SumPath, Bytes(Recorded(Two)), SumMode.Append);

        var error = result.Diagnostics.Single();
        Assert.That((error.Code, error.File, error.Line), Is.EqualTo((DiagnosticCodes.RecordedMigrationMissing, SumPath, 3)));
    }

    [Test]
    public void A_new_migration_below_the_highest_recorded_version_is_out_of_order()
    {
        var sum = Recorded(("0001_users.sql", "SELECT 1;"), ("0005_late.sql", "SELECT 5;"));
        var set = Set(("0001_users.sql", "SELECT 1;"), ("0003_branch.sql", "SELECT 3;"), ("0005_late.sql", "SELECT 5;"));

        var error = SumCheck.Compare(set, SumPath, Bytes(sum), SumMode.Append).Diagnostics.Single();

        Assert.That((error.Code, error.File), Is.EqualTo((DiagnosticCodes.BelowRecordedVersion, "migrations/0003_branch.sql")));
    }

    [Test]
    public void Allow_out_of_order_records_a_lower_version_in_version_order()
    {
        var sum = Recorded(("0001_users.sql", "SELECT 1;"), ("0005_late.sql", "SELECT 5;"));
        var set = Set(("0001_users.sql", "SELECT 1;"), ("0003_branch.sql", "-- migrate:allow-out-of-order\nSELECT 3;"), ("0005_late.sql", "SELECT 5;"));

        var text = SumCheck.Compare(set, SumPath, Bytes(sum), SumMode.Append).UpdatedText!;

        Assert.That(text.Split('\n').Skip(1).Take(3).Select(l => l.Split(' ')[0]), Is.EqualTo(new[] { "0001", "0003", "0005" }));
    }

    [Test]
    public void A_ci_build_refuses_an_out_of_date_sum_file_and_writes_nothing()
    {
        var result = SumCheck.Compare(Three(), SumPath, Bytes(Recorded(Two)), SumMode.Verify);

        var error = result.Diagnostics.Single();
        Assert.That((error.Code, error.File), Is.EqualTo((DiagnosticCodes.SumOutOfDate, SumPath)));
        Assert.That(error.Message, Does.Contain("0003_seed.sql"));
        Assert.That(result.UpdatedText, Is.Null);
    }

    [Test]
    public void A_ci_build_refuses_a_missing_sum_file()
    {
        var result = SumCheck.Compare(Three(), SumPath, null, SumMode.Verify);

        Assert.That(result.Diagnostics.Single().Code, Is.EqualTo(DiagnosticCodes.SumOutOfDate));
    }

    [Test]
    public void Rewrite_accepts_an_edited_migration_on_purpose()
    {
        var edited = Set(("0001_users.sql", "CREATE TABLE users (id bigint);"), Two[1]);

        var text = SumCheck.Compare(edited, SumPath, Bytes(Recorded(Two)), SumMode.Rewrite).UpdatedText!;

        Assert.That(SumCheck.Compare(edited, SumPath, Bytes(text), SumMode.Verify).Diagnostics, Is.Empty);
    }

    [Test]
    public void Run_appends_to_the_file_on_disk_and_a_second_run_changes_nothing()
    {
        using var folder = new MigrationFolder();
        var path = System.IO.Path.Combine(folder.Path, MigrationsSum.FileName);
        SumCheck.Run(Set(Two), path, SumMode.Append);
        var first = File.ReadAllText(path);

        SumCheck.Run(Three(), path, SumMode.Append);
        var second = File.ReadAllText(path);
        var third = SumCheck.Run(Three(), path, SumMode.Verify);

        Assert.That(second, Does.StartWith(first[..first.IndexOf("total", StringComparison.Ordinal)]));
        Assert.That(third.Diagnostics, Is.Empty);
    }
}
