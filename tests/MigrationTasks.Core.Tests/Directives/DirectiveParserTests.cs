using MigrationTasks.Diagnostics;
using MigrationTasks.Files;

namespace MigrationTasks.Core.Tests.Directives;

public sealed class DirectiveParserTests
{
    private static (MigrationScript? Script, List<Diagnostic> Diagnostics) Read(string text)
    {
        var diagnostics = new List<Diagnostic>();
        var script = Linted.Read("0001_x.sql", System.Text.Encoding.UTF8.GetBytes(text), diagnostics);
        return (script, diagnostics);
    }

    [Test]
    public void Leading_directives_are_read()
    {
        var (script, diagnostics) = Read("""
            -- A comment first is fine.
            -- migrate:no-transaction
            -- migrate:lock-timeout 5s
            --migrate:statement-timeout 2min
            -- migrate:allow-out-of-order
            -- migrate:allow drop-column the column has been unused since v3
            CREATE INDEX CONCURRENTLY i ON t (c);
            ALTER TABLE t DROP COLUMN unused;
            """);

        Assert.That(diagnostics, Is.Empty);
        var directives = script!.Directives;
        Assert.That(directives.NoTransaction, Is.True);
        Assert.That(directives.LockTimeout, Is.EqualTo(TimeSpan.FromSeconds(5)));
        Assert.That(directives.StatementTimeout, Is.EqualTo(TimeSpan.FromMinutes(2)));
        Assert.That(directives.AllowOutOfOrder, Is.True);
        Assert.That(directives.Waivers.Single().Rule, Is.EqualTo("drop-column"));
        Assert.That(directives.Waivers.Single().Reason, Is.EqualTo("the column has been unused since v3"));
    }

    [Test]
    public void A_file_without_directives_is_transactional_with_no_timeouts()
    {
        var (script, _) = Read("SELECT 1;");

        Assert.That(script!.Directives.IsTransactional, Is.True);
        Assert.That(script.Directives.LockTimeout, Is.Null);
    }

    [Test]
    public void An_unknown_directive_is_an_error_at_its_line()
    {
        var (_, diagnostics) = Read("-- migrate:no-transactoin\nSELECT 1;");

        var error = diagnostics.Single();
        Assert.That(error.Code, Is.EqualTo(DiagnosticCodes.UnknownDirective));
        Assert.That(error.Line, Is.EqualTo(1));
        Assert.That(error.Message, Does.Contain("no-transactoin").And.Contain("no-transaction"));
    }

    [TestCase("-- migrate:lock-timeout soon")]
    [TestCase("-- migrate:lock-timeout 5")]
    [TestCase("-- migrate:statement-timeout")]
    [TestCase("-- migrate:no-transaction please")]
    [TestCase("-- migrate:allow drop-column")]
    public void A_directive_with_a_bad_argument_is_an_error(string line)
    {
        var (_, diagnostics) = Read(line + "\nSELECT 1;");

        Assert.That(diagnostics.Single().Code, Is.EqualTo(DiagnosticCodes.InvalidDirectiveArgument));
    }

    [Test]
    public void A_directive_given_twice_is_an_error()
    {
        var (_, diagnostics) = Read("-- migrate:lock-timeout 1s\n-- migrate:lock-timeout 2s\nSELECT 1;");

        Assert.That(diagnostics.Single().Code, Is.EqualTo(DiagnosticCodes.DuplicateDirective));
    }

    [Test]
    public void A_directive_after_the_first_statement_is_an_error()
    {
        var (_, diagnostics) = Read("SELECT 1;\n-- migrate:no-transaction\nSELECT 2;");

        var error = diagnostics.Single();
        Assert.That(error.Code, Is.EqualTo(DiagnosticCodes.MisplacedDirective));
        Assert.That(error.Line, Is.EqualTo(2));
    }

    [Test]
    public void Directive_text_inside_a_string_is_not_a_directive()
    {
        var (_, diagnostics) = Read("SELECT '\n-- migrate:bogus\n';");

        Assert.That(diagnostics, Is.Empty);
    }
}
