namespace MigrationTasks.Core.Tests.Lint;

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

        Assert.That((finding.Code, finding.Severity, finding.Line), Is.EqualTo(("MT2190", Diagnostics.DiagnosticSeverity.Warning, 2)));
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
}
