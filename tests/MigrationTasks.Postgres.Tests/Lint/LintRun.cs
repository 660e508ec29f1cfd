using System.Text;
using MigrationTasks.Core.Tests;
using MigrationTasks.Diagnostics;
using MigrationTasks.Files;
using MigrationTasks.Lint;

namespace MigrationTasks.Postgres.Tests.Lint;

/// <summary>
/// Reads a migration the way the build does and keeps only the lint findings (MT21xx), leaving out
/// missing-lock-timeout unless asked: it accompanies most findings of the other rules.
/// </summary>
internal static class LintRun
{
    public static List<Diagnostic> Findings(string sql, string file = "0001_x.sql", bool withLockTimeout = false)
    {
        var diagnostics = new List<Diagnostic>();
        Linted.Read(file, Encoding.UTF8.GetBytes(sql), diagnostics);
        return diagnostics
            .Where(d => d.Code.StartsWith("MT21", StringComparison.Ordinal) && (withLockTimeout || d.Code != LintRules.MissingLockTimeout.Code))
            .ToList();
    }
}
