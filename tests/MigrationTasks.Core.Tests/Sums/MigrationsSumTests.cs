using MigrationTasks.Diagnostics;
using MigrationTasks.Sums;
using static MigrationTasks.Core.Tests.Sums.SumTestFiles;

namespace MigrationTasks.Core.Tests.Sums;

public sealed class MigrationsSumTests
{
    private static string Written() => SumCheck.Compare(Three(), SumPath, null, SumMode.Append).UpdatedText!;

    private static Diagnostic ParseError(string text)
    {
        var diagnostics = new List<Diagnostic>();
        Assert.That(MigrationsSum.Parse(Bytes(text), SumPath, diagnostics), Is.Null);
        return diagnostics.Single();
    }

    [Test]
    public void A_written_file_parses_back_to_its_entries()
    {
        var diagnostics = new List<Diagnostic>();

        var entries = MigrationsSum.Parse(Bytes(Written()), SumPath, diagnostics);

        Assert.That(entries!.Select(e => (e.FileName, e.Line)), Is.EqualTo(new[] { ("0001_users.sql", 2), ("0002_orders.sql", 3), ("0003_seed.sql", 4) }));
        Assert.That(diagnostics, Is.Empty);
    }

    [Test]
    public void Crlf_line_endings_from_a_git_checkout_are_accepted()
    {
        var diagnostics = new List<Diagnostic>();

        MigrationsSum.Parse(Bytes(Written().Replace("\n", "\r\n", StringComparison.Ordinal)), SumPath, diagnostics);

        Assert.That(diagnostics, Is.Empty);
    }

    [TestCase(" ", "")]
    [TestCase("\t", "")]
    [TestCase("", "\n")]
    [TestCase("  ", "\n\n")]
    public void Trailing_blanks_and_blank_lines_at_the_end_from_an_editor_are_accepted(string afterEachLine, string atTheEnd)
    {
        var diagnostics = new List<Diagnostic>();
        var edited = Written().Replace("\n", afterEachLine + "\n", StringComparison.Ordinal) + atTheEnd;

        var entries = MigrationsSum.Parse(Bytes(edited), SumPath, diagnostics);

        Assert.That(diagnostics, Is.Empty);
        Assert.That(entries!.Select(e => e.FileName), Is.EqualTo(new[] { "0001_users.sql", "0002_orders.sql", "0003_seed.sql" }));
    }

    [Test]
    public void A_hand_edited_line_breaks_the_total()
    {
        var text = Written();
        var lines = text.Split('\n');
        lines[2] = lines[2][..^1] + (lines[2][^1] == '0' ? '1' : '0');

        var error = ParseError(string.Join('\n', lines));

        Assert.That((error.Code, error.Line), Is.EqualTo((DiagnosticCodes.SumAltered, 5)));
    }

    [Test]
    public void Swapped_lines_are_reported_as_reordered()
    {
        var lines = Written().Split('\n');
        (lines[1], lines[2]) = (lines[2], lines[1]);

        var error = ParseError(string.Join('\n', lines));

        Assert.That((error.Code, error.Line), Is.EqualTo((DiagnosticCodes.SumAltered, 3)));
    }

    [Test]
    public void Git_conflict_markers_are_a_conflict_at_their_line()
    {
        var lines = Written().Split('\n');
        var conflicted = string.Join('\n', lines[..3]) + "\n<<<<<<< HEAD\n" + lines[3] + "\n=======\n0003_other.sql\n>>>>>>> branch\n";

        var error = ParseError(conflicted);

        Assert.That((error.Code, error.Line), Is.EqualTo((DiagnosticCodes.SumConflict, 4)));
    }

    [Test]
    public void Two_branches_appending_the_same_version_is_a_conflict()
    {
        var lines = Written().Split('\n').ToList();
        lines.Insert(4, lines[3].Replace("0003_seed.sql", "0003_other.sql", StringComparison.Ordinal));

        var error = ParseError(string.Join('\n', lines));

        Assert.That((error.Code, error.Line), Is.EqualTo((DiagnosticCodes.SumConflict, 5)));
        Assert.That(error.Message, Does.Contain("lines 4 and 5"));
    }

    [Test]
    public void A_union_merge_that_keeps_both_totals_is_a_conflict()
    {
        var text = Written();

        var error = ParseError(text + "0004_more.sql\n");

        Assert.That(error.Code, Is.EqualTo(DiagnosticCodes.SumConflict));
    }

    [Test]
    public void A_newer_format_version_says_to_update_the_tool()
    {
        var error = ParseError(Written().Replace("v1", "v2", StringComparison.Ordinal));

        Assert.That((error.Code, error.Line), Is.EqualTo((DiagnosticCodes.SumInvalid, 1)));
        Assert.That(error.Message, Does.Contain("update MigrationTasks"));
    }

    [Test]
    public void A_malformed_line_is_reported_at_its_line()
    {
        var lines = Written().Split('\n');
        lines[2] = "0002 0002_orders.sql md5:abc";

        var error = ParseError(string.Join('\n', lines));

        Assert.That((error.Code, error.Line), Is.EqualTo((DiagnosticCodes.SumInvalid, 3)));
    }
}
