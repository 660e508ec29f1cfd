using System.Text;
using MigrationTasks.Diagnostics;
using MigrationTasks.Files;

namespace MigrationTasks.Core.Tests.Lint;

/// <summary>Reads a migration the way the build does and keeps only the lint findings (MT21xx).</summary>
internal static class LintRun
{
    public static List<Diagnostic> Findings(string sql, string file = "0001_x.sql")
    {
        var diagnostics = new List<Diagnostic>();
        ScriptReader.Read(file, Encoding.UTF8.GetBytes(sql), diagnostics);
        return diagnostics.Where(d => d.Code.StartsWith("MT21", StringComparison.Ordinal)).ToList();
    }
}
