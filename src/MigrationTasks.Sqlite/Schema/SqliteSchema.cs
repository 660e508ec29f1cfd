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
        var tables = new HashSet<string>(StringComparer.Ordinal);
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

        lines.AddRange(Columns(connection, tables));
        return SchemaFingerprint.Of(scope.Exclude.Count == 0 ? lines : lines.Where(l => !scope.Excludes(SchemaLine.Parse(l).Identity)));
    }

    // The columns of every table in one statement, joined in SQLite, rather than one pragma query per table: a
    // thousand tables were a tenth of an `up` of a thousand tiny migrations, which records the schema at its end.
    private static List<string> Columns(SqliteConnection connection, HashSet<string> tables)
    {
        using var columns = connection.CreateCommand();
        columns.CommandText = "SELECT m.name, p.cid, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk FROM sqlite_schema AS m, pragma_table_info(m.name) AS p WHERE m.type = 'table'";
        using var reader = columns.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read())
        {
            var table = reader.GetString(0);
            if (!tables.Contains(table))
            {
                continue;
            }

            lines.Add(SchemaLine.Format("column", table + "." + reader.GetString(2),
                ("position", (reader.GetInt64(1) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("type", reader.GetString(3)),
                ("not_null", reader.GetInt64(4) != 0 ? "yes" : null),
                ("default", reader.IsDBNull(5) ? null : reader.GetString(5)),
                ("primary_key", reader.GetInt64(6) != 0 ? reader.GetInt64(6).ToString(System.Globalization.CultureInfo.InvariantCulture) : null)));
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
