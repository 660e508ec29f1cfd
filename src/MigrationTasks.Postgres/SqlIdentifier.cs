namespace MigrationTasks.Postgres;

/// <summary>Quotes identifiers that come from configuration, so any schema or table name is safe in SQL text.</summary>
internal static class SqlIdentifier
{
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static string Qualified(string schema, string name) => Quote(schema) + "." + Quote(name);
}
