using System.Text;
using MigrationTasks.Core.Tests;
using MigrationTasks.Diagnostics;
using MigrationTasks.Files;

namespace MigrationTasks.Postgres.Tests.Lint;

public sealed class LintWaiverTests
{
    [Test]
    public void A_waiver_at_the_top_of_the_file_silences_its_rule()
    {
        var sql = "-- migrate:allow drop-table replaced by orders_v2 in release 41; no reader left\nDROP TABLE orders;";

        Assert.That(LintRun.Findings(sql), Is.Empty);
    }

    [Test]
    public void A_waiver_covers_every_statement_of_its_rule_in_the_file()
    {
        var sql = "-- migrate:allow drop-column unused since v3\nALTER TABLE a DROP COLUMN x;\nALTER TABLE b DROP COLUMN y, DROP COLUMN z;";

        Assert.That(LintRun.Findings(sql), Is.Empty);
    }

    [Test]
    public void A_waiver_silences_only_its_own_rule()
    {
        var findings = LintRun.Findings("-- migrate:allow drop-table old data\nDROP TABLE a;\nTRUNCATE b;");

        Assert.That(findings.Select(f => f.Code), Is.EqualTo(new[] { "MT2104" }));
    }

    [Test]
    public void A_waiver_that_matches_nothing_is_a_warning_at_its_line()
    {
        var finding = LintRun.Findings("-- About this file.\n-- migrate:allow truncate staging only\nSELECT 1;").Single();

        Assert.That((finding.Code, finding.Severity, finding.Line), Is.EqualTo(("MT2190", DiagnosticSeverity.Warning, 2)));
        Assert.That(finding.Message, Does.Contain("waives nothing"));
    }

    [Test]
    public void A_waiver_for_an_unknown_rule_is_a_warning_listing_the_rules()
    {
        var finding = LintRun.Findings("-- migrate:allow drop-tables typo\nDROP TABLE a;").First(f => f.Code == "MT2191");

        Assert.That(finding.Message, Does.Contain("'-- migrate:allow drop-tables'").And.Contain("drop-table,"));
    }

    [Test]
    public void A_waiver_for_an_unknown_rule_does_not_silence_the_real_one()
    {
        var codes = LintRun.Findings("-- migrate:allow drop-tables typo\nDROP TABLE a;").Select(f => f.Code);

        Assert.That(codes, Is.EquivalentTo(new[] { "MT2101", "MT2191" }));
    }

    [Test]
    public void A_waiver_for_a_rule_a_down_script_is_exempt_from_waives_nothing()
    {
        var finding = LintRun.Findings("-- migrate:allow drop-table undo\nDROP TABLE a;", "0001_x.down.sql").Single();

        Assert.That(finding.Code, Is.EqualTo("MT2190"));
    }

    [Test]
    public void A_waived_hygiene_rule_is_silenced_too()
    {
        Assert.That(LintRun.Findings("-- migrate:allow timestamp-without-time-zone mirrors a legacy feed\nCREATE TABLE t (at timestamp);"), Is.Empty);
    }

    [Test]
    public void A_waiver_before_a_later_statement_covers_only_that_statement()
    {
        var sql = "TRUNCATE a;\n-- migrate:allow truncate a staging copy, rebuilt nightly\nTRUNCATE b;\nTRUNCATE c;";

        var findings = LintRun.Findings(sql);

        Assert.That(findings.Select(f => (f.Code, f.Line)), Is.EqualTo(new[] { ("MT2104", 1), ("MT2104", 4) }));
    }

    [Test]
    public void A_waiver_at_the_end_of_a_statement_line_covers_that_statement()
    {
        var findings = LintRun.Findings("SELECT 1;\nDROP TABLE a; -- migrate:allow drop-table replaced by b\nDROP TABLE c;");

        Assert.That(findings.Select(f => (f.Code, f.Line)), Is.EqualTo(new[] { ("MT2101", 3) }));
    }

    [Test]
    public void A_waiver_inside_a_multi_line_statement_covers_it()
    {
        var sql = "SELECT 1;\nALTER TABLE orders\n  -- migrate:allow drop-column moved to order_notes\n  DROP COLUMN note;";

        Assert.That(LintRun.Findings(sql), Is.Empty);
    }

    [Test]
    public void A_statement_waiver_that_matches_nothing_is_a_warning()
    {
        var finding = LintRun.Findings("SELECT 1;\n-- migrate:allow truncate not needed\nSELECT 2;\nTRUNCATE a;").Where(f => f.Code == "MT2190").Single();

        Assert.That(finding.Line, Is.EqualTo(2));
    }

    [Test]
    public void A_waiver_after_the_last_statement_waives_nothing()
    {
        var codes = LintRun.Findings("TRUNCATE a;\n-- migrate:allow truncate too late").Select(f => f.Code);

        Assert.That(codes, Is.EquivalentTo(new[] { "MT2104", "MT2190" }));
    }

    [Test]
    public void A_later_waiver_without_a_reason_is_an_error()
    {
        var diagnostics = new List<Diagnostic>();
        Linted.Read("0001_x.sql", Encoding.UTF8.GetBytes("SELECT 1;\n-- migrate:allow truncate\nTRUNCATE a;"), diagnostics);

        Assert.That(diagnostics.Select(d => d.Code), Does.Contain(DiagnosticCodes.InvalidDirectiveArgument));
    }

    [Test]
    public void Other_directives_after_the_first_statement_are_still_misplaced()
    {
        var diagnostics = new List<Diagnostic>();
        Linted.Read("0001_x.sql", Encoding.UTF8.GetBytes("SELECT 1;\n-- migrate:no-transaction\nSELECT 2;"), diagnostics);

        Assert.That(diagnostics.Single().Code, Is.EqualTo(DiagnosticCodes.MisplacedDirective));
    }
}
