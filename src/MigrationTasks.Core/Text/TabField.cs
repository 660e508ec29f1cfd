using System.Text;

namespace MigrationTasks.Text;

/// <summary>
/// A value in a line of tab-separated fields: backslash, line feed, carriage return and tab escaped as
/// <c>\\ \n \r \t</c>, so a field never holds a separator and a line never breaks (the schema fingerprint's
/// lines, the build's lint cache).
/// </summary>
internal static class TabField
{
    // Backslash first, so the escapes added after it are not escaped again.
    public static string Escape(string value) => value
        .Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)
        .Replace("\r", "\\r", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal);

    public static string Unescape(string value)
    {
        if (!value.Contains('\\', StringComparison.Ordinal))
        {
            return value;
        }

        var text = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '\\' || i + 1 == value.Length)
            {
                text.Append(value[i]);
                continue;
            }

            text.Append(value[++i] switch { 'n' => '\n', 'r' => '\r', 't' => '\t', var other => other });
        }

        return text.ToString();
    }
}
