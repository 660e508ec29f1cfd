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

    /// <summary>
    /// The setting the message is about (<see cref="Configuration.SettingNames"/>), when it is about one:
    /// the message names it in words, and each front end adds its own spelling.
    /// </summary>
    public string? Setting { get; init; }

    /// <summary>
    /// This diagnostic with its <see cref="Setting"/> spelled the way a front end's user sets it (appended in parentheses:
    /// a flag, a property, an option), or unchanged when <paramref name="spellings"/> has no spelling for it.
    /// </summary>
    public Diagnostic WithSettingSpelled(IReadOnlyDictionary<string, string> spellings)
    {
        ArgumentNullException.ThrowIfNull(spellings);
        return Setting is { } setting && spellings.TryGetValue(setting, out var spelled)
            ? this with { Message = $"{Message} ({spelled})", Setting = null }
            : this;
    }

    public static Diagnostic Error(string code, string message, string? file = null, int line = 0, int column = 0) =>
        new(code, DiagnosticSeverity.Error, message, file, line, column);

    public static Diagnostic Warning(string code, string message, string? file = null, int line = 0, int column = 0) =>
        new(code, DiagnosticSeverity.Warning, message, file, line, column);

    /// <summary>The canonical compiler-style rendering: <c>file(line,col): error MT1001: message</c>.</summary>
    /// <remarks>
    /// One diagnostic never reads as two: a file name's control characters are escaped, and a line break in
    /// the message is followed by an indent, so a crafted file name cannot forge a line a log parser trusts.
    /// </remarks>
    public override string ToString()
    {
        var place = File is null ? "" : Line > 0 ? $"{Printable(File)}({Line},{Math.Max(Column, 1)}): " : $"{Printable(File)}: ";
        var severity = IsError ? "error" : "warning";
        var message = Message.Contains('\n', StringComparison.Ordinal) || Message.Contains('\r', StringComparison.Ordinal)
            ? Message.ReplaceLineEndings("\n    ")
            : Message;
        return $"{place}{severity} {Code}: {message}";
    }

    /// <summary><paramref name="text"/> with its control characters written as escapes (\n, \u0007): a value a message quotes cannot break or forge its lines.</summary>
    public static string Printable(string text)
    {
        if (!text.Any(char.IsControl))
        {
            return text;
        }

        var escaped = new System.Text.StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }
}
