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
    // SQLite writes each line too (ColumnsSql), so a column costs the process two strings instead of six values and
    // the pieces of SchemaLine.Format: that formatting was most of the 3 MB a fingerprint of 1,000 tables allocated.
    private static IEnumerable<string> Columns(SqliteConnection connection, HashSet<string> tables) =>
        RawSql.Rows(connection, ColumnsSql,
                row => tables.Contains(row.Text(0)) ? row.Text(1) : null)
            .OfType<string>();

    /// <summary>
    /// A column's line as <see cref="SchemaLine.Format"/> writes it, in SQL: position, declared type (empty when none),
    /// then not_null, default and primary_key only when they apply; values escaped as <c>TabField</c> does (backslash
    /// first). SqliteDriftTests hold it to SchemaLine.Format on names and defaults with tabs, line breaks and backslashes.
    /// </summary>
    private static readonly string ColumnsSql =
        "SELECT m.name, 'column' || char(9) || " + Escaped("m.name || '.' || p.name")
        + " || char(9) || 'position=' || (p.cid + 1)"
        + " || char(9) || 'type=' || " + Escaped("coalesce(p.type, '')")
        + " || CASE WHEN p.\"notnull\" <> 0 THEN char(9) || 'not_null=yes' ELSE '' END"
        + " || CASE WHEN p.dflt_value IS NULL THEN '' ELSE char(9) || 'default=' || " + Escaped("p.dflt_value") + " END"
        + " || CASE WHEN p.pk <> 0 THEN char(9) || 'primary_key=' || p.pk ELSE '' END"
        + " FROM sqlite_schema AS m, pragma_table_info(m.name) AS p WHERE m.type = 'table'";

    private static string Escaped(string value) =>
        $"replace(replace(replace(replace({value}, '\\', '\\\\'), char(10), '\\n'), char(13), '\\r'), char(9), '\\t')";

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
