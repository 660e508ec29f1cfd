namespace MigrationTasks.Sqlite;

internal static class SqliteNames
{
    /// <summary>Quotes an identifier the way SQLite reads it: in double quotes, a double quote doubled.</summary>
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>SQLite's own clock, UTC with milliseconds, as ISO 8601 text (SQLite has no timestamp type).</summary>
    public const string Now = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";
}
