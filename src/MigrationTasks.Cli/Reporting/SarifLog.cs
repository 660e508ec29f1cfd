using System.Text.Json;
using MigrationTasks.Diagnostics;
using MigrationTasks.Lint;

namespace MigrationTasks.Cli.Reporting;

/// <summary>
/// Writes diagnostics as a SARIF 2.1.0 log, the format code-scanning services (GitHub code scanning,
/// Azure DevOps) import to show findings on the lines of a pull request. Lint rules are described
/// in the log, in the words of the dialect that checked them, so a viewer can show the safe
/// alternative next to the finding.
/// </summary>
internal static class SarifLog
{
    public static void Write(string path, IReadOnlyList<Diagnostic> diagnostics, IReadOnlyList<LintRuleText> rules, string toolVersion)
    {
        using var stream = File.Create(path);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        w.WriteString("version", "2.1.0");
        w.WriteStartArray("runs");
        w.WriteStartObject();
        w.WriteStartObject("tool");
        w.WriteStartObject("driver");
        w.WriteString("name", "MigrationTasks");
        w.WriteString("version", toolVersion);
        w.WriteStartArray("rules");
        foreach (var (rule, problem, remedy) in rules)
        {
            w.WriteStartObject();
            w.WriteString("id", rule.Code);
            w.WriteString("name", rule.Id);
            w.WriteString("helpUri", DiagnosticHelp.LinkOf(rule.Code));
            w.WriteStartObject("shortDescription");
            w.WriteString("text", problem);
            w.WriteEndObject();
            w.WriteStartObject("help");
            w.WriteString("text", remedy);
            w.WriteEndObject();
            w.WriteStartObject("defaultConfiguration");
            w.WriteString("level", Level(rule.DefaultSeverity));
            w.WriteEndObject();
            w.WriteEndObject();
        }

        // The other codes a result names (a file problem, MT1xxx) get a descriptor too, for their help link.
        foreach (var code in diagnostics.Select(d => d.Code).Distinct(StringComparer.Ordinal).Where(c => rules.All(r => r.Rule.Code != c)))
        {
            w.WriteStartObject();
            w.WriteString("id", code);
            w.WriteString("helpUri", DiagnosticHelp.LinkOf(code));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartArray("results");
        foreach (var diagnostic in diagnostics)
        {
            WriteResult(w, diagnostic);
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter w, Diagnostic diagnostic)
    {
        w.WriteStartObject();
        w.WriteString("ruleId", diagnostic.Code);
        w.WriteString("level", Level(diagnostic.Severity));
        w.WriteStartObject("message");
        w.WriteString("text", diagnostic.Message);
        w.WriteEndObject();
        if (diagnostic.File is { } file)
        {
            w.WriteStartArray("locations");
            w.WriteStartObject();
            w.WriteStartObject("physicalLocation");
            w.WriteStartObject("artifactLocation");
            // Relative to where the tool ran (the repository root in CI), with forward slashes, as viewers expect.
            w.WriteString("uri", Path.GetRelativePath(Directory.GetCurrentDirectory(), file).Replace('\\', '/'));
            w.WriteEndObject();
            if (diagnostic.Line > 0)
            {
                w.WriteStartObject("region");
                w.WriteNumber("startLine", diagnostic.Line);
                w.WriteNumber("startColumn", Math.Max(diagnostic.Column, 1));
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static string Level(DiagnosticSeverity severity) => severity == DiagnosticSeverity.Error ? "error" : "warning";
}
