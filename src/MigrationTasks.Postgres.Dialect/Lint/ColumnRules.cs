namespace MigrationTasks.Lint;

/// <summary>Hygiene checks of column types, where a table gets its columns: CREATE TABLE, ADD COLUMN, ALTER COLUMN TYPE.</summary>
internal static class ColumnRules
{
    private static readonly string[] IntTypes = ["int", "integer", "int4", "int2", "smallint"];
    internal static readonly string[] SerialTypes = ["serial", "serial4", "smallserial", "serial2", "bigserial", "serial8"];

    // The serials whose sequence runs out at 2^31 (or 2^15): bigserial keys are what the int-key rule recommends.
    private static readonly string[] SmallSerialTypes = ["serial", "serial4", "smallserial", "serial2"];

    // Words that open a table constraint rather than a column definition.
    private static readonly string[] TableConstraintWords = ["CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN", "EXCLUDE", "LIKE"];

    /// <summary>The column definitions of CREATE TABLE <paramref name="table"/> (...), where <paramref name="afterName"/> is the index just past the name.</summary>
    public static void CheckCreateTable(StatementWords w, string table, int afterName, LintContext context, List<LintFinding> findings)
    {
        if (!w.IsPunctuation(afterName, '('))
        {
            return;
        }

        foreach (var (start, end) in w.Items(afterName + 1))
        {
            if (!TableConstraintWords.Any(c => w.Is(start, c)))
            {
                CheckColumn(w, table, start, end, context, findings);
            }
            else
            {
                CheckPrimaryKey(w, table, start, context, findings);
            }
        }
    }

    /// <summary>
    /// A table-level <c>[CONSTRAINT name] PRIMARY KEY (column)</c> at <paramref name="start"/> on an int column
    /// defined in this migration. A composite key of plain int columns is fine: such columns count within
    /// a parent (line numbers) or copy another table's key, which is judged where that key is defined.
    /// </summary>
    public static void CheckPrimaryKey(StatementWords w, string table, int start, LintContext context, List<LintFinding> findings)
    {
        var at = w.Is(start, "CONSTRAINT") ? start + 2 : start;
        var single = w.Is(at, "PRIMARY") && w.Is(at + 1, "KEY") && w.IsPunctuation(at + 2, '(') && w.IsPunctuation(at + 4, ')') ? w.Identifier(at + 3) : null;
        if (single is not null && context.IntColumnType(table, single) is { } type)
        {
            findings.Add(new(LintRules.IntKey, at, $"primary key {single} of type {type}"));
        }
    }

    /// <summary>A column definition of <paramref name="table"/>: its name at <paramref name="nameAt"/>, then its type and constraints up to <paramref name="end"/>.</summary>
    public static void CheckColumn(StatementWords w, string table, int nameAt, int end, LintContext context, List<LintFinding> findings)
    {
        var typeAt = nameAt + 1;
        var column = w.Identifier(nameAt);
        if (column is not null && ColumnType.Read(w, typeAt, out _) is { } defined)
        {
            context.DefinedColumn(table, column, defined);
        }
        if (IsType(w, typeAt, SerialTypes))
        {
            if (IsType(w, typeAt, SmallSerialTypes))
            {
                findings.Add(new(LintRules.IntKey, typeAt, $"column {column} of type {w.Identifier(typeAt)}"));
            }

            return;
        }

        if (column is not null && IsType(w, typeAt, IntTypes))
        {
            var type = w.Identifier(typeAt)!;
            context.DefinedIntColumn(table, column, type);
            var primary = w.IndexAtTopLevel("PRIMARY", typeAt + 1, end);
            if (primary > 0 && w.Is(primary + 1, "KEY"))
            {
                findings.Add(new(LintRules.IntKey, typeAt, $"primary key {column} of type {type}"));
            }
            else if (w.IndexAtTopLevel("IDENTITY", typeAt + 1, end) > 0)
            {
                // A sequence fills it, whether or not it is the key: it runs out all the same.
                findings.Add(new(LintRules.IntKey, typeAt, $"identity column {column} of type {type}"));
            }

            return;
        }

        CheckType(w, typeAt, end, findings);
    }

    /// <summary>The type name starting at <paramref name="typeAt"/>.</summary>
    public static void CheckType(StatementWords w, int typeAt, int end, List<LintFinding> findings)
    {
        if (typeAt >= end)
        {
            return;
        }

        if (IsType(w, typeAt, "timestamp"))
        {
            var after = w.SkipParentheses(typeAt + 1);
            if (!w.Is(after, "WITH"))
            {
                findings.Add(new(LintRules.TimestampWithoutTimeZone, typeAt, "type timestamp"));
            }
        }
        // Quoted "char" is the one-byte internal type, not character(1): only the unquoted words and bpchar are character(n).
        else if ((w.Is(typeAt, "char") || w.Is(typeAt, "character") || IsType(w, typeAt, "bpchar")) && !w.Is(typeAt + 1, "VARYING"))
        {
            findings.Add(new(LintRules.CharType, typeAt, $"type {w.Identifier(typeAt)}"));
        }
    }

    /// <summary>
    /// Whether the type name at <paramref name="at"/> is one of <paramref name="names"/>, compared as the server
    /// folds it: <c>"bpchar"</c> and <c>"serial"</c> are those types, <c>"SERIAL"</c> is not.
    /// </summary>
    internal static bool IsType(StatementWords w, int at, params string[] names) => w.Identifier(at) is { } name && names.Contains(name, StringComparer.Ordinal);
}
