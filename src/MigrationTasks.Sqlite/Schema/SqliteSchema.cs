using System.Text;
using Microsoft.Data.Sqlite;
using MigrationTasks.Schema;

namespace MigrationTasks.Sqlite.Schema;

/// <summary>
/// The schema fingerprint of a SQLite file (docs/sqlite.md): one line per table, index, view and trigger of
/// sqlite_schema with its CREATE text, whitespace normalised, and one line per column from pragma table_info,
/// so an added column is named as one even though SQLite only edits the table's text. Left out: SQLite's
/// own objects (<c>sqlite_%</c>, automatic indexes), the tool's history, audit and lease tables and the
/// audit's triggers, and what <c>drift.exclude</c> names.
/// </summary>
internal sealed class SqliteSchema(string historyTable, SchemaScope scope)
{
    private readonly HashSet<string> _ours = new(StringComparer.OrdinalIgnoreCase)
    {
        historyTable, historyTable + "_audit", Locking.LeaseLock.TableOf(historyTable),
    };

    public SchemaFingerprint Read(SqliteConnection connection)
    {
        var lines = new List<string>();
        var tables = new List<string>();
        using (var objects = connection.CreateCommand())
        {
            objects.CommandText = "SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND sql IS NOT NULL";
            using var reader = objects.ExecuteReader();
            while (reader.Read())
            {
                var (kind, name, table, sql) = (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3));
                if (_ours.Contains(table))
                {
                    continue;
                }

                // A trigger is named with its table, as on PostgreSQL; an index by its own name (names are unique per file).
                var identity = kind == "trigger" ? table + "." + name : name;
                lines.Add(SchemaLine.Format(kind, identity, ("table", kind is "index" or "trigger" ? table : null), ("definition", Normalise(sql))));
                if (kind == "table")
                {
                    tables.Add(name);
                }
            }
        }

        foreach (var table in tables)
        {
            lines.AddRange(Columns(connection, table));
        }

        return SchemaFingerprint.Of(scope.Exclude.Count == 0 ? lines : lines.Where(l => !scope.Excludes(SchemaLine.Parse(l).Identity)));
    }

    private static List<string> Columns(SqliteConnection connection, string table)
    {
        using var columns = connection.CreateCommand();
        columns.CommandText = "SELECT cid, name, type, \"notnull\", dflt_value, pk FROM pragma_table_info($table)";
        columns.Parameters.AddWithValue("$table", table);
        using var reader = columns.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read())
        {
            lines.Add(SchemaLine.Format("column", table + "." + reader.GetString(1),
                ("position", (reader.GetInt64(0) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("type", reader.GetString(2)),
                ("not_null", reader.GetInt64(3) != 0 ? "yes" : null),
                ("default", reader.IsDBNull(4) ? null : reader.GetString(4)),
                ("primary_key", reader.GetInt64(5) != 0 ? reader.GetInt64(5).ToString(System.Globalization.CultureInfo.InvariantCulture) : null)));
        }

        return lines;
    }

    /// <summary>
    /// The CREATE text with whitespace outside quotes reduced: none next to <c>( ) ,</c>, one space elsewhere, so that
    /// a table written on one line, over several, or grown by ALTER TABLE ADD COLUMN reads the same.
    /// </summary>
    internal static string Normalise(string sql)
    {
        var text = new StringBuilder(sql.Length);
        char? quote = null;
        var pendingSpace = false;
        foreach (var c in sql)
        {
            if (quote is not null)
            {
                text.Append(c);
                quote = c == (quote == '[' ? ']' : quote) ? null : quote;
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                pendingSpace = text.Length > 0;
                continue;
            }

            if (pendingSpace && c is not ('(' or ')' or ',') && text[^1] is not ('(' or ','))
            {
                text.Append(' ');
            }

            pendingSpace = false;
            text.Append(c);
            quote = c is '\'' or '"' or '`' or '[' ? c : null;
        }

        return text.ToString();
    }
}
