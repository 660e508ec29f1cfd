using System.Text;
using MigrationTasks.Diagnostics;
using MigrationTasks.Directives;
using MigrationTasks.Files;
using MigrationTasks.Lint;
using MigrationTasks.Postgres.Dialect;

namespace MigrationTasks.Core.Tests.Directives;

/// <summary>Which directives exist and what they mean is the dialect's vocabulary; the reader only reads through it.</summary>
public sealed class DirectiveVocabularyTests
{
    private static readonly VocabularyDialect WithoutTimeouts = new(new DirectiveSet(
        CommonDirectives.NoTransaction, CommonDirectives.AllowOutOfOrder, CommonDirectives.Allow));

    private static readonly VocabularyDialect WithAnExtraDirective = new(new DirectiveSet(
        CommonDirectives.NoTransaction, Directive.Flag("run-anytime", d => d with { AllowOutOfOrder = true })));

    private static readonly VocabularyDialect IgnoringLockTimeout = new(new DirectiveSet(
        CommonDirectives.NoTransaction, CommonDirectives.LockTimeout.Ignored("lock-timeout means nothing here"), CommonDirectives.Allow));

    private static (MigrationScript? Script, List<Diagnostic> Diagnostics) Read(VocabularyDialect dialect, string text)
    {
        var diagnostics = new List<Diagnostic>();
        var script = ScriptReader.Read(dialect, "0001_x.sql", Encoding.UTF8.GetBytes(text), diagnostics);
        return (script, diagnostics);
    }

    [Test]
    public void A_directive_outside_the_dialects_vocabulary_is_unknown_and_the_error_lists_the_dialects_directives()
    {
        var (_, diagnostics) = Read(WithoutTimeouts, "-- migrate:lock-timeout 5s\nSELECT 1;");

        var error = diagnostics.Single();
        Assert.That(error.Code, Is.EqualTo(DiagnosticCodes.UnknownDirective));
        Assert.That(error.Message, Is.EqualTo("unknown directive 'lock-timeout'; known directives are: no-transaction, allow-out-of-order, allow"));
    }

    [Test]
    public void PostgreSQL_knows_all_five_directives_and_lists_them_in_order()
    {
        var diagnostics = new List<Diagnostic>();
        ScriptReader.Read(PostgresDialect.Instance, "0001_x.sql", "-- migrate:run-anytime\nSELECT 1;"u8, diagnostics);

        Assert.That(diagnostics.Single().Message, Is.EqualTo(
            "unknown directive 'run-anytime'; known directives are: no-transaction, lock-timeout, statement-timeout, allow-out-of-order, allow"));
    }

    [Test]
    public void A_waiver_below_the_first_statement_is_read_by_the_dialects_waiver_directive()
    {
        var (script, diagnostics) = Read(WithoutTimeouts, "SELECT 1;\n-- migrate:allow drop-column kept on purpose\nSELECT 2;\n-- migrate:allow\nSELECT 3;");

        Assert.That(script!.StatementWaivers.Select(w => (w.Rule, w.Reason, w.Line)), Is.EqualTo(new[] { ("drop-column", "kept on purpose", 2) }));
        var error = diagnostics.Single();
        Assert.That((error.Code, error.Line), Is.EqualTo((DiagnosticCodes.InvalidDirectiveArgument, 4)));
    }

    [Test]
    public void A_dialect_without_the_waiver_directive_refuses_it_below_the_first_statement_too()
    {
        var (script, diagnostics) = Read(WithAnExtraDirective, "SELECT 1;\n-- migrate:allow drop-column kept on purpose\nSELECT 2;");

        Assert.That(script!.StatementWaivers, Is.Empty);
        Assert.That(diagnostics.Single().Code, Is.EqualTo(DiagnosticCodes.MisplacedDirective));
    }

    [Test]
    public void A_dialect_can_add_a_directive_of_its_own()
    {
        var (script, diagnostics) = Read(WithAnExtraDirective, "-- migrate:run-anytime\nSELECT 1;");

        Assert.That(diagnostics, Is.Empty);
        Assert.That(script!.Directives.AllowOutOfOrder, Is.True);
    }

    [Test]
    public void A_dialects_own_directive_takes_the_grammar_of_its_kind()
    {
        var (_, diagnostics) = Read(WithAnExtraDirective, "-- migrate:run-anytime now\n-- migrate:run-anytime\nSELECT 1;");

        Assert.That(diagnostics.Select(d => d.Code), Is.EqualTo(new[] { DiagnosticCodes.InvalidDirectiveArgument, DiagnosticCodes.DuplicateDirective }));
        Assert.That(diagnostics[0].Message, Is.EqualTo("the directive 'run-anytime' takes no argument; remove 'now'"));
    }

    [Test]
    public void The_runners_deferred_read_reads_directives_through_the_dialect_too()
    {
        var script = ScriptReader.ReadDeferred(WithAnExtraDirective, "0001_x.sql", "-- migrate:run-anytime\nSELECT 1;"u8, []);

        Assert.That(script!.HasDeferredChecks, Is.True);
        Assert.That(script.Directives.AllowOutOfOrder, Is.True);
    }

    [Test]
    public void An_ignored_directive_is_read_without_a_problem_and_kept_where_it_stands()
    {
        var (script, diagnostics) = Read(IgnoringLockTimeout, "-- first\n  -- migrate:lock-timeout 5s\nSELECT 1;");

        Assert.That(diagnostics, Is.Empty, "reading never warns about it: the lint step does");
        Assert.That(script!.Directives.LockTimeout, Is.EqualTo(TimeSpan.FromSeconds(5)), "still read, so the bundle's manifest records what the file says");
        Assert.That(script.Directives.Ignored, Is.EqualTo(new[] { new IgnoredDirective("lock-timeout", 2, 6, "lock-timeout means nothing here") }));
    }

    [Test]
    public void An_ignored_directive_with_a_bad_argument_is_an_error_and_no_warning()
    {
        var (script, diagnostics) = Read(IgnoringLockTimeout, "-- migrate:lock-timeout soon\nSELECT 1;");

        Assert.That(diagnostics.Single().Code, Is.EqualTo(DiagnosticCodes.InvalidDirectiveArgument));
        Assert.That(script!.Directives.Ignored, Is.Empty);
    }

    [Test]
    public void The_lint_step_warns_at_each_ignored_directive_before_the_rules_findings()
    {
        using var folder = new MigrationFolder();
        folder.Write("0001_a.sql", "-- migrate:lock-timeout 5s\nALTER TABLE t DROP COLUMN c;");
        var set = MigrationDirectory.Load(IgnoringLockTimeout, folder.Path);

        var findings = LintPass.Run(IgnoringLockTimeout, set, null).All;

        Assert.That(set.Diagnostics, Is.Empty);
        var warning = findings[0];
        Assert.That((warning.Code, warning.Severity, warning.Message, warning.Line, warning.Column),
            Is.EqualTo((DiagnosticCodes.IgnoredDirective, DiagnosticSeverity.Warning, "lock-timeout means nothing here", 1, 4)));
        Assert.That(findings.Skip(1).Select(f => f.Code), Does.Contain(LintRules.DropColumn.Code).And.Not.Contains(DiagnosticCodes.IgnoredDirective), "the rules' own findings follow");
    }
}
