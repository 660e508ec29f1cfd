using MigrationTasks.Diagnostics;

namespace MigrationTasks.Core.Tests.Diagnostics;

/// <summary>A diagnostic's text form is what CI logs and problem matchers parse: one diagnostic must never read as two.</summary>
public sealed class DiagnosticRenderingTests
{
    [Test]
    public void A_newline_in_the_file_name_is_shown_escaped()
    {
        var diagnostic = Diagnostic.Error(DiagnosticCodes.InvalidFileName, "bad name", "m/0001_a\n0002_b.sql: error MT9999: forged.sql");

        Assert.That(diagnostic.ToString(), Is.EqualTo("m/0001_a\\n0002_b.sql: error MT9999: forged.sql: error MT1001: bad name"));
    }

    [Test]
    public void Later_lines_of_a_message_are_indented_so_none_starts_a_line_of_its_own()
    {
        var diagnostic = Diagnostic.Error(DiagnosticCodes.InvalidFileName, "'0001_a\r\n0002_b.sql: error MT9999: forged' is not valid", "m/x.sql", 1, 1);

        var lines = diagnostic.ToString().Split('\n');

        Assert.That(lines, Has.Length.EqualTo(2));
        Assert.That(lines[1], Does.StartWith("    0002_b.sql"));
    }

    [Test]
    public void An_ordinary_diagnostic_renders_as_before()
    {
        Assert.That(Diagnostic.Warning(DiagnosticCodes.EmptyMigration, "empty", "m/0001_a.sql", 1, 1).ToString(), Is.EqualTo("m/0001_a.sql(1,1): warning MT1008: empty"));
    }
}
