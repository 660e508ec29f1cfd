namespace MigrationTasks.Lint;

/// <summary>Hygiene checks of column types, where a table gets its columns: CREATE TABLE, ADD COLUMN, ALTER COLUMN TYPE.</summary>
internal static class ColumnRules
{
    private static readonly string[] IntTypes = ["int", "integer", "int4", "int2", "smallint"];
    internal static readonly string[] SerialTypes = ["serial", "serial4", "smallserial", "serial2", "bigserial", "serial8"];

    // Words that open a table constraint rather than a column definition.
    private static readonly string[] TableConstraintWords = ["CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN", "EXCLUDE", "LIKE"];

    /// <summary>The column definitions of CREATE TABLE name (...), where <paramref name="afterName"/> is the index just past the name.</summary>
    public static void CheckCreateTable(StatementWords w, int afterName, List<LintFinding> findings)
    {
        if (!w.IsPunctuation(afterName, '('))
        {
            return;
        }

        var intColumns = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (start, end) in w.Items(afterName + 1))
        {
            if (!TableConstraintWords.Any(c => w.Is(start, c)))
            {
                CheckColumn(w, start, end, findings);
                if (w.Identifier(start) is { } column && IntTypes.Any(t => w.Is(start + 1, t)))
                {
                    intColumns[column] = start + 1;
                }
            }
            else if (SingleColumnPrimaryKey(w, start) is { } key && intColumns.TryGetValue(key, out var typeAt))
            {
                findings.Add(new(LintRules.IntKey, typeAt, $"primary key {key} of type {w.Identifier(typeAt)}"));
            }
        }
    }

    // [CONSTRAINT name] PRIMARY KEY (column): the column, when the key has exactly one.
    private static string? SingleColumnPrimaryKey(StatementWords w, int start)
    {
        var at = w.Is(start, "CONSTRAINT") ? start + 2 : start;
        return w.Is(at, "PRIMARY") && w.Is(at + 1, "KEY") && w.IsPunctuation(at + 2, '(') && w.IsPunctuation(at + 4, ')') ? w.Identifier(at + 3) : null;
    }

    /// <summary>A column definition: its name at <paramref name="nameAt"/>, then its type and constraints up to <paramref name="end"/>.</summary>
    public static void CheckColumn(StatementWords w, int nameAt, int end, List<LintFinding> findings)
    {
        var typeAt = nameAt + 1;
        var column = w.Identifier(nameAt);
        if (SerialTypes.Any(t => w.Is(typeAt, t)))
        {
            findings.Add(new(LintRules.IntKey, typeAt, $"column {column} of type {w.Identifier(typeAt)}"));
            return;
        }

        if (IntTypes.Any(t => w.Is(typeAt, t)) && IsPrimaryKey(w, typeAt + 1, end))
        {
            findings.Add(new(LintRules.IntKey, typeAt, $"primary key {column} of type {w.Identifier(typeAt)}"));
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

        if (w.Is(typeAt, "timestamp"))
        {
            var after = w.SkipParentheses(typeAt + 1);
            if (!w.Is(after, "WITH"))
            {
                findings.Add(new(LintRules.TimestampWithoutTimeZone, typeAt, "type timestamp"));
            }
        }
        else if ((w.Is(typeAt, "char") || w.Is(typeAt, "character") || w.Is(typeAt, "bpchar")) && !w.Is(typeAt + 1, "VARYING"))
        {
            findings.Add(new(LintRules.CharType, typeAt, $"type {w.Identifier(typeAt)}"));
        }
    }

    private static bool IsPrimaryKey(StatementWords w, int start, int end)
    {
        var primary = w.IndexAtTopLevel("PRIMARY", start, end);
        return primary > 0 && w.Is(primary + 1, "KEY");
    }
}
