namespace MigrationTasks.Cli.GitHub;

/// <summary>
/// GitHub Actions workflow commands (<c>::name key=value::data</c>) with the runner's escaping, so a
/// message holding a newline, ':' or ',' cannot end the command early or forge another one.
/// </summary>
internal static class WorkflowCommands
{
    public static string Mask(string secret) => $"::add-mask::{EscapeData(secret)}";

    public static string Annotation(string level, string message, string? file, int line, int column, string title)
    {
        var properties = new List<string> { $"title={EscapeProperty(title)}" };
        if (file is not null)
        {
            properties.Add($"file={EscapeProperty(file)}");
            if (line > 0)
            {
                properties.Add($"line={line}");
                properties.Add($"col={Math.Max(column, 1)}");
            }
        }

        return $"::{level} {string.Join(',', properties)}::{EscapeData(message)}";
    }

    public static string EscapeData(string value) => value
        .Replace("%", "%25", StringComparison.Ordinal)
        .Replace("\r", "%0D", StringComparison.Ordinal)
        .Replace("\n", "%0A", StringComparison.Ordinal);

    private static string EscapeProperty(string value) => EscapeData(value)
        .Replace(":", "%3A", StringComparison.Ordinal)
        .Replace(",", "%2C", StringComparison.Ordinal);
}
