using Microsoft.Data.Sqlite;
using MigrationTasks.Execution;

namespace MigrationTasks.Sqlite.History;

/// <summary>
/// The audit table (<c>&lt;history table&gt;_audit</c>), append-only by trigger as on PostgreSQL:
/// one row per up, down, baseline, mark-applied and repair. Versions are a JSON array.
/// </summary>
internal sealed class SqliteAudit(string historyTable)
{
    public string Quoted { get; } = SqliteNames.Quote(historyTable + "_audit");

    public string[] CreateSql =>
    [
        $"""
        CREATE TABLE IF NOT EXISTS {Quoted} (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            action TEXT NOT NULL,
            versions TEXT NOT NULL,
            outcome TEXT NOT NULL CHECK (outcome IN ('succeeded', 'failed', 'cancelled')),
            db_user TEXT NOT NULL,
            os_user TEXT NOT NULL,
            at TEXT NOT NULL DEFAULT ({SqliteNames.Now}),
            tool_version TEXT NOT NULL,
            bundle_root_hash TEXT,
            environment TEXT,
            detail TEXT
        )
        """,
        $"CREATE TRIGGER IF NOT EXISTS {SqliteNames.Quote(historyTable + "_audit_no_update")} BEFORE UPDATE ON {Quoted} BEGIN SELECT RAISE(ABORT, 'the migration audit table is append-only'); END",
        $"CREATE TRIGGER IF NOT EXISTS {SqliteNames.Quote(historyTable + "_audit_no_delete")} BEFORE DELETE ON {Quoted} BEGIN SELECT RAISE(ABORT, 'the migration audit table is append-only'); END",
    ];

    public void Write(SqliteConnection connection, AuditRecord record)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO {Quoted} (action, versions, outcome, db_user, os_user, tool_version, bundle_root_hash, environment, detail) "
            + "VALUES ($action, json($versions), $outcome, $os, $os, $tool, $bundle, $environment, $detail)";
        // One parameter for the versions, not one each: binding a thousand named parameters cost more than the rest of the
        // row. The JSON is written here (no serializer, and its trimming concerns, in the runner) and checked by json().
        command.Parameters.AddWithValue("$versions", JsonArray(record.Versions));
        command.Parameters.AddWithValue("$action", record.Action);
        command.Parameters.AddWithValue("$outcome", record.Outcome.ToString().ToLowerInvariant());
        command.Parameters.AddWithValue("$os", record.OsUser);
        command.Parameters.AddWithValue("$tool", record.ToolVersion);
        command.Parameters.AddWithValue("$bundle", (object?)record.BundleRootHash ?? DBNull.Value);
        command.Parameters.AddWithValue("$environment", (object?)record.Environment ?? DBNull.Value);
        command.Parameters.AddWithValue("$detail", (object?)record.Detail ?? DBNull.Value);
        command.ExecuteNonQuery();
    }

    // A JSON array of strings: quotes, backslashes and control characters escaped, the rest as it is (UTF-8 text).
    private static string JsonArray(IReadOnlyList<string> values)
    {
        var json = new System.Text.StringBuilder("[");
        foreach (var value in values)
        {
            json.Append(json.Length > 1 ? ",\"" : "\"");
            foreach (var c in value)
            {
                _ = c switch
                {
                    '"' or '\\' => json.Append('\\').Append(c),
                    < ' ' => json.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                    _ => json.Append(c),
                };
            }

            json.Append('"');
        }

        return json.Append(']').ToString();
    }
}
