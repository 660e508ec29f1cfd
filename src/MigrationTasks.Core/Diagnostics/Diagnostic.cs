namespace MigrationTasks.Diagnostics;

public enum DiagnosticSeverity
{
    Warning,
    Error,
}

/// <summary>
/// A problem found in migration files or in their history, with a stable MT code, a message that
/// says what to do next, and the place it was found (file, line, column) when there is one.
/// Front-ends (MSBuild, CLI) only render these.
/// </summary>
public sealed record Diagnostic(
    string Code,
    DiagnosticSeverity Severity,
    string Message,
    string? File = null,
    int Line = 0,
    int Column = 0)
{
    public bool IsError => Severity == DiagnosticSeverity.Error;

    public static Diagnostic Error(string code, string message, string? file = null, int line = 0, int column = 0) =>
        new(code, DiagnosticSeverity.Error, message, file, line, column);

    public static Diagnostic Warning(string code, string message, string? file = null, int line = 0, int column = 0) =>
        new(code, DiagnosticSeverity.Warning, message, file, line, column);

    /// <summary>The canonical compiler-style rendering: <c>file(line,col): error MT1001: message</c>.</summary>
    public override string ToString()
    {
        var place = File is null ? "" : Line > 0 ? $"{File}({Line},{Math.Max(Column, 1)}): " : $"{File}: ";
        var severity = IsError ? "error" : "warning";
        return $"{place}{severity} {Code}: {Message}";
    }
}
