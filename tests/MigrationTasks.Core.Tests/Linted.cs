using MigrationTasks.Bundles;
using MigrationTasks.Diagnostics;
using MigrationTasks.Files;
using MigrationTasks.Layouts;
using MigrationTasks.Lint;
using MigrationTasks.Postgres.Dialect;

namespace MigrationTasks.Core.Tests;

/// <summary>
/// Reads migrations and then lints them, as the build and <c>migrations lint</c> do: the set's
/// diagnostics are the files' problems with each file's lint findings after them. Reading alone never lints.
/// </summary>
internal static class Linted
{
    public static MigrationScript? Read(string path, ReadOnlySpan<byte> bytes, List<Diagnostic> diagnostics)
    {
        var script = ScriptReader.Read(PostgresDialect.Instance, path, bytes, diagnostics);
        if (script is not null)
        {
            PostgresDialect.Instance.Lint(script, null, diagnostics);
        }

        return script;
    }

    public static MigrationSet Load(
        string directory, IReadOnlyDictionary<string, DiagnosticSeverity?>? severities = null, MigrationLayout? layout = null, LintScope? scope = null) =>
        WithFindings(MigrationDirectory.Load(PostgresDialect.Instance, directory, layout: layout), severities, scope);

    public static MigrationSet LoadFiles(IReadOnlyList<(string Path, ReadOnlyMemory<byte> Bytes)> files) =>
        WithFindings(MigrationDirectory.LoadFiles(PostgresDialect.Instance, files), null, null);

    public static VerifiedBundle Verify(string directory)
    {
        var verified = BundleVerifier.Verify(PostgresDialect.Instance, directory);
        var set = WithFindings(verified.Migrations, null, null);
        return verified with { Migrations = set, Diagnostics = [.. set.Diagnostics, .. verified.Diagnostics.Skip(verified.Migrations.Diagnostics.Count)] };
    }

    private static MigrationSet WithFindings(MigrationSet set, IReadOnlyDictionary<string, DiagnosticSeverity?>? severities, LintScope? scope) =>
        set with { Diagnostics = LintPass.Run(PostgresDialect.Instance, set, severities, scope).ReportedWith(set) };
}
