using Microsoft.Data.Sqlite;
using MigrationTasks.Files;
using MigrationTasks.Planning;
using MigrationTasks.Schema;
using MigrationTasks.Sqlite.Schema;

namespace MigrationTasks.Sqlite.History;

/// <summary>
/// The schema recorded with the history on SQLite, as on PostgreSQL (docs/drift.md): the fingerprint and its text
/// in two columns of the history row that ends a run. A history table made by an earlier version gains the
/// columns the first time a newer runner creates or checks it, under the lease.
/// </summary>
internal sealed class SqliteSchemaRecord(SqliteHistory history, SqliteSchema schema)
{
    public const string Columns = "schema_fingerprint TEXT, schema_text TEXT";

    /// <summary>Adds the columns to a history table made before them; inside the transaction that creates the tables.</summary>
    public void Upgrade(SqliteConnection connection)
    {
        if (HasColumns(connection))
        {
            return;
        }

        foreach (var column in Columns.Split(", "))
        {
            using var alter = connection.CreateCommand();
            alter.CommandText = $"ALTER TABLE {history.Quoted} ADD COLUMN {column}";
            alter.ExecuteNonQuery();
        }
    }

    /// <summary>Records the schema as it now is on <paramref name="version"/>'s row, or, when null, on the applied row recorded last.</summary>
    public void Record(SqliteConnection connection, MigrationVersion? version)
    {
        if ((version ?? LastApplied(connection)?.Version) is not { } row)
        {
            return;
        }

        var fingerprint = schema.Read(connection);
        using var update = connection.CreateCommand();
        update.CommandText = $"UPDATE {history.Quoted} SET schema_fingerprint = $hash, schema_text = $text WHERE version = $version";
        update.Parameters.AddWithValue("$hash", fingerprint.Hash);
        update.Parameters.AddWithValue("$text", fingerprint.Text);
        update.Parameters.AddWithValue("$version", row.Value);
        update.ExecuteNonQuery();
    }

    /// <summary>The schema recorded with the applied migration recorded last; null when nothing is applied.</summary>
    public RecordedSchema? ReadRecorded(SqliteConnection connection)
    {
        if (LastApplied(connection) is not { } last)
        {
            return null;
        }

        if (!HasColumns(connection))
        {
            return new RecordedSchema(last.Version, last.Name, null);
        }

        using var read = connection.CreateCommand();
        read.CommandText = $"SELECT schema_fingerprint, schema_text FROM {history.Quoted} WHERE version = $version";
        read.Parameters.AddWithValue("$version", last.Version.Value);
        using var reader = read.ExecuteReader();
        var fingerprint = reader.Read() && !reader.IsDBNull(0) && !reader.IsDBNull(1) ? new SchemaFingerprint(reader.GetString(0), reader.GetString(1)) : null;
        return new RecordedSchema(last.Version, last.Name, fingerprint);
    }

    // Applied last: the latest applied_at, and the highest version among rows of the same millisecond (a run of a thousand has many).
    private HistoryEntry? LastApplied(SqliteConnection connection) =>
        history.Read(connection).Where(e => e.Status == HistoryStatus.Applied)
            .OrderByDescending(e => e.AppliedAt).ThenByDescending(e => e.Version).FirstOrDefault();

    private bool HasColumns(SqliteConnection connection)
    {
        using var check = connection.CreateCommand();
        check.CommandText = "SELECT 1 FROM pragma_table_info($table) WHERE name = 'schema_fingerprint'";
        check.Parameters.AddWithValue("$table", history.Table);
        return check.ExecuteScalar() is not null;
    }
}
