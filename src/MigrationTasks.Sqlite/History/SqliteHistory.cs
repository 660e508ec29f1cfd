using System.Globalization;
using Microsoft.Data.Sqlite;
using MigrationTasks.Files;
using MigrationTasks.Planning;
using MigrationTasks.Sqlite.Execution;

namespace MigrationTasks.Sqlite.History;

/// <summary>
/// The history table on SQLite: the same name and columns as on PostgreSQL, in SQLite's types
/// (version and times as text, booleans as 0/1). Versions are text, so the tool orders them itself;
/// <c>ORDER BY CAST(version AS INTEGER)</c> orders them in the sqlite3 shell.
/// </summary>
/// <param name="runner">Who ran the tool (SQLite has no database user): recorded as applied_by.</param>
internal sealed class SqliteHistory(string table, string runner)
{
    public string Table { get; } = table;

    public string Quoted { get; } = SqliteNames.Quote(table);

    private readonly string _insert = RecordSql(table, "");

    private readonly string _replace = RecordSql(table, "OR REPLACE ");

    private static string RecordSql(string table, string conflict) =>
        $"INSERT {conflict}INTO {SqliteNames.Quote(table)} (version, name, checksum, status, transactional, applied_by, execution_ms, tool_version, bundle_root_hash, failed_statement, error) "
        + "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";

    public string CreateSql => $"""
        CREATE TABLE IF NOT EXISTS {Quoted} (
            version TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            checksum TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('applied', 'failed')),
            transactional INTEGER NOT NULL,
            applied_at TEXT NOT NULL DEFAULT ({SqliteNames.Now}),
            applied_by TEXT NOT NULL,
            execution_ms INTEGER NOT NULL DEFAULT 0,
            tool_version TEXT NOT NULL,
            bundle_root_hash TEXT,
            failed_statement INTEGER,
            error TEXT,
            completed_checksum TEXT
        )
        """;

    public IReadOnlyList<HistoryEntry> Read(SqliteConnection connection)
    {
        var entries = RawSql.Rows(connection,
            $"SELECT version, name, checksum, status, transactional, applied_at, applied_by, execution_ms, tool_version, bundle_root_hash, failed_statement, error, completed_checksum FROM {Quoted}",
            row => new HistoryEntry(
                MigrationVersion.Parse(row.Text(0)),
                row.Text(1),
                row.Text(2),
                row.Text(3) == "failed" ? HistoryStatus.Failed : HistoryStatus.Applied,
                row.Integer(4) != 0,
                DateTimeOffset.Parse(row.Text(5), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                row.Text(6),
                TimeSpan.FromMilliseconds(row.Integer(7)),
                row.Text(8),
                row.TextOrNull(9),
                row.IsNull(10) ? null : (int)row.Integer(10),
                row.TextOrNull(11),
                row.TextOrNull(12)));
        entries.Sort((a, b) => a.Version.CompareTo(b.Version));
        return entries;
    }

    /// <summary>
    /// Records a migration as applied (or, outside a transaction, as started and failed at statement 0
    /// until it completes). A repeatable migration, or a failed row being replaced, is overwritten; any
    /// other version is inserted once, and the primary key refusing a second insert is the guard
    /// against applying it twice. Through the run's prepared statements: a thousand migrations record a
    /// thousand rows with the same statement, and SqliteCommand's binding cost more than the insert.
    /// </summary>
    public void Record(PreparedStatements prepared, Migration migration, HistoryStatus status, bool transactional, TimeSpan duration,
        string toolVersion, string? bundleRootHash, bool replace, int? failedStatement = null, string? error = null)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        prepared.Execute(replace ? _replace : _insert,
            migration.Version.Value, migration.Name, migration.Checksum, status == HistoryStatus.Failed ? "failed" : "applied", transactional ? 1 : 0,
            runner, (long)duration.TotalMilliseconds, toolVersion, bundleRootHash, failedStatement, error);
    }

    /// <summary>Marks the statement in progress (or failed) of a migration run outside a transaction, with the checksum of those before it.</summary>
    public void RecordProgress(SqliteConnection connection, MigrationVersion version, int failedStatement, string completedChecksum, string? error, TimeSpan duration)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"UPDATE {Quoted} SET status = 'failed', failed_statement = $failed, completed_checksum = $completed, error = $error, execution_ms = $ms WHERE version = $version";
        command.Parameters.AddWithValue("$version", version.Value);
        command.Parameters.AddWithValue("$failed", failedStatement);
        command.Parameters.AddWithValue("$completed", completedChecksum);
        command.Parameters.AddWithValue("$error", (object?)error ?? DBNull.Value);
        command.Parameters.AddWithValue("$ms", (long)duration.TotalMilliseconds);
        command.ExecuteNonQuery();
    }

    /// <summary>Marks a migration run outside a transaction applied once its last statement ran (with the file's checksum now).</summary>
    public void RecordCompleted(SqliteConnection connection, Migration migration, TimeSpan duration)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"UPDATE {Quoted} SET status = 'applied', checksum = $checksum, failed_statement = NULL, error = NULL, completed_checksum = NULL, execution_ms = $ms WHERE version = $version";
        command.Parameters.AddWithValue("$version", migration.Version.Value);
        command.Parameters.AddWithValue("$checksum", migration.Checksum);
        command.Parameters.AddWithValue("$ms", (long)duration.TotalMilliseconds);
        command.ExecuteNonQuery();
    }

    public void Delete(SqliteConnection connection, MigrationVersion version, bool failedOnly = false)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"DELETE FROM {Quoted} WHERE version = $version{(failedOnly ? " AND status = 'failed'" : "")}";
        command.Parameters.AddWithValue("$version", version.Value);
        command.ExecuteNonQuery();
    }

    public void AcceptChecksum(SqliteConnection connection, Migration migration)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"UPDATE {Quoted} SET checksum = $checksum WHERE version = $version AND status = 'applied'";
        command.Parameters.AddWithValue("$version", migration.Version.Value);
        command.Parameters.AddWithValue("$checksum", migration.Checksum);
        command.ExecuteNonQuery();
    }
}
