using System.Text;
using Microsoft.Data.Sqlite;
using MigrationTasks.Schema;
using MigrationTasks.Sqlite.Execution;

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
        var objects = RawSql.Rows(connection, "SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND sql IS NOT NULL",
            row => (Kind: row.Text(0), Name: row.Text(1), Table: row.Text(2), Sql: row.Text(3)));
        foreach (var (kind, name, table, sql) in objects)
        {
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

        lines.AddRange(Columns(connection, tables));
        return SchemaFingerprint.Of(scope.Exclude.Count == 0 ? lines : lines.Where(l => !scope.Excludes(SchemaLine.Parse(l).Identity)));
    }

    // The columns of every table in one statement, joined in SQLite, rather than one pragma query per table: a
    // thousand tables were a tenth of an `up` of a thousand tiny migrations, which records the schema at its end.
    private static IEnumerable<string> Columns(SqliteConnection connection, HashSet<string> tables) =>
        RawSql.Rows(connection, "SELECT m.name, p.cid, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk FROM sqlite_schema AS m, pragma_table_info(m.name) AS p WHERE m.type = 'table'",
                row => tables.Contains(row.Text(0)) ? Column(row) : null)
            .OfType<string>();

    private static string Column(RawRow row) =>
        SchemaLine.Format("column", row.Text(0) + "." + row.Text(2),
            ("position", (row.Integer(1) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("type", row.Text(3)),
            ("not_null", row.Integer(4) != 0 ? "yes" : null),
            ("default", row.TextOrNull(5)),
            ("primary_key", row.Integer(6) != 0 ? row.Integer(6).ToString(System.Globalization.CultureInfo.InvariantCulture) : null));

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
