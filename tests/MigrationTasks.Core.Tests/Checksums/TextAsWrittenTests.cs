using System.Text;
using MigrationTasks.Diagnostics;
using MigrationTasks.Files;

namespace MigrationTasks.Core.Tests.Checksums;

/// <summary>The SQL that runs is the file's text as written; only the checksum sees line endings normalized.</summary>
public sealed class TextAsWrittenTests
{
    private static MigrationScript Read(string sql, List<Diagnostic>? diagnostics = null) =>
        Linted.Read("0001_x.sql", Encoding.UTF8.GetBytes(sql), diagnostics ?? [])!;

    [Test]
    public void A_bare_cr_inside_a_string_literal_reaches_the_statement()
    {
        var script = Read("INSERT INTO t VALUES ('a\rb');\n");

        Assert.That(script.Statements.Single().Text, Is.EqualTo("INSERT INTO t VALUES ('a\rb')"));
    }

    [Test]
    public void A_crlf_file_runs_with_its_crlf_and_hashes_like_the_lf_file()
    {
        var crlf = Read("CREATE TABLE t (\r\n  c text DEFAULT 'x\r\ny'\r\n);\r\n");
        var lf = Read("CREATE TABLE t (\n  c text DEFAULT 'x\ny'\n);\n");

        Assert.That(crlf.Statements.Single().Text, Does.Contain("'x\r\ny'"));
        Assert.That(crlf.Checksum, Is.EqualTo(lf.Checksum));
    }

    [TestCase("\r\n")]
    [TestCase("\r")]
    public void Directives_and_positions_read_the_same_with_any_line_ending(string newline)
    {
        var diagnostics = new List<Diagnostic>();
        var script = Read(string.Join(newline, "-- migrate:no-transaction", "-- migrate:lock-timeout 5s", "", "CREATE TABLE t (c int);", "  VACUUM t;", ""), diagnostics);

        Assert.That(script.Directives.NoTransaction, Is.True);
        Assert.That(script.Directives.LockTimeout, Is.EqualTo(TimeSpan.FromSeconds(5)));
        Assert.That(script.Statements.Select(s => (s.Line, s.Column)), Is.EqualTo(new[] { (4, 1), (5, 3) }));
        Assert.That(diagnostics.Where(d => d.IsError), Is.Empty);
    }

    [Test]
    public void A_statement_waiver_in_a_crlf_file_covers_its_statement()
    {
        var diagnostics = new List<Diagnostic>();
        Read("SELECT 1;\r\n-- migrate:allow drop-table legacy has been unused since v3\r\nDROP\r\n  TABLE legacy;\r\nSELECT 2;\r\n", diagnostics);

        Assert.That(diagnostics.Select(d => d.Code), Has.None.EqualTo("MT2101").And.None.EqualTo(DiagnosticCodes.UnusedLintWaiver));
    }
}
