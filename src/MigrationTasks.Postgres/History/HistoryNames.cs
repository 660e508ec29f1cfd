using System.Text;

namespace MigrationTasks.Postgres.History;

/// <summary>
/// The names derived from the configured history schema and table. PostgreSQL truncates identifiers
/// over 63 bytes without an error, so a long table name would make the audit table's two triggers one
/// trigger, or the audit table the history table: every derived name is checked before connecting.
/// </summary>
public static class HistoryNames
{
    /// <summary>PostgreSQL's NAMEDATALEN - 1, in bytes of UTF-8.</summary>
    public const int MaxIdentifierBytes = 63;

    internal const string AuditSuffix = "_audit";
    internal const string AppendOnlySuffix = "_append_only";
    internal const string NoTruncateSuffix = "_no_truncate";

    /// <summary>The longest name derived from the history table: the audit table's guard function and triggers.</summary>
    public static int MaxTableBytes => MaxIdentifierBytes - Math.Max(AppendOnlySuffix.Length, NoTruncateSuffix.Length) - AuditSuffix.Length;

    /// <summary>Why <paramref name="schema"/> cannot hold the history, or null when it can.</summary>
    public static string? SchemaProblem(string schema)
    {
        if (schema.Length == 0)
        {
            return "is empty; leave it out for 'public' or name a schema";
        }

        var bytes = Encoding.UTF8.GetByteCount(schema);
        if (bytes > MaxIdentifierBytes)
        {
            return $"is {bytes} bytes long; PostgreSQL would cut it to {MaxIdentifierBytes} bytes. Use a name of at most {MaxIdentifierBytes} bytes (UTF-8)";
        }

        // pg_temp is per session (the history would vanish with the run); pg_ names are reserved, and
        // the system schemas are not a place for user tables.
        if (schema.StartsWith("pg_", StringComparison.OrdinalIgnoreCase) || schema.Equals("information_schema", StringComparison.OrdinalIgnoreCase))
        {
            return $"is a PostgreSQL system schema{(schema.StartsWith("pg_temp", StringComparison.OrdinalIgnoreCase) ? " (pg_temp is private to one session: the history would vanish when the run ends)" : "")}; name a schema of your own, such as public or migrations";
        }

        return null;
    }

    /// <summary>Why <paramref name="table"/> cannot name the history table, or null when it can.</summary>
    public static string? TableProblem(string table)
    {
        if (table.Length == 0)
        {
            return "is empty; leave it out for 'migrationtasks_history' or name a table";
        }

        var bytes = Encoding.UTF8.GetByteCount(table);
        if (bytes > MaxTableBytes)
        {
            var longest = table + AuditSuffix + AppendOnlySuffix;
            return $"is {bytes} bytes long; the audit table's trigger '{longest}' would be {Encoding.UTF8.GetByteCount(longest)} bytes, over PostgreSQL's {MaxIdentifierBytes}-byte limit, and silently cut. Use a name of at most {MaxTableBytes} bytes (UTF-8)";
        }

        return null;
    }
}
