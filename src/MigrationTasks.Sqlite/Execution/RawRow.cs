using SQLitePCL;

namespace MigrationTasks.Sqlite.Execution;

/// <summary>
/// The current row of a statement stepped on SQLite's C API (<see cref="RawSql.Rows{T}"/>): the history of a thousand
/// migrations and the schema of a thousand tables are read this way, without SqliteDataReader's type checks per value.
/// </summary>
internal readonly struct RawRow(sqlite3_stmt statement)
{
    public bool IsNull(int column) => raw.sqlite3_column_type(statement, column) == raw.SQLITE_NULL;

    /// <summary>The value as text (SQLite converts a number); empty for NULL, which the callers' NOT NULL columns never hold.</summary>
    public string Text(int column) => raw.sqlite3_column_text(statement, column).utf8_to_string() ?? "";

    public string? TextOrNull(int column) => IsNull(column) ? null : Text(column);

    public long Integer(int column) => raw.sqlite3_column_int64(statement, column);
}
