namespace MigrationTasks.Lint;

/// <summary>
/// ALTER TABLE [IF EXISTS] [ONLY] name action [, action ...]: each action is judged on its own.
/// A table created earlier in the migration only gets the hygiene checks of its new columns.
/// </summary>
internal static class AlterTableRules
{
    // Built-in functions and call-like constructs that are STABLE or IMMUTABLE: evaluated once, stored in the catalog,
    // no rewrite. Any other call is VOLATILE until known otherwise: CREATE FUNCTION's default, and a volatile default
    // rewrites the table (StatementLocksServerTests, LintPrecisionServerTests).
    private static readonly string[] KnownStableFunctions =
        ["now", "transaction_timestamp", "current_timestamp", "localtimestamp", "current_date", "current_time", "localtime", "current_setting",
         "lower", "upper", "coalesce", "nullif", "greatest", "least", "cast", "row", "array", "extract", "date_part", "date_trunc", "timezone",
         "concat", "concat_ws", "format", "length", "substring", "substr", "trim", "btrim", "ltrim", "rtrim", "replace", "md5", "abs",
         "round", "floor", "ceil", "ceiling", "to_char", "to_date", "to_timestamp", "to_number", "make_date", "make_time", "make_interval",
         "make_timestamp", "make_timestamptz", "jsonb_build_object", "json_build_object", "jsonb_build_array", "json_build_array",
         "to_json", "to_jsonb", "array_fill", "int4range", "int8range", "numrange", "tsrange", "tstzrange", "daterange"];

    // Words that end a column's DEFAULT expression and start its next constraint.
    private static readonly string[] ConstraintWords = ["NOT", "NULL", "CONSTRAINT", "CHECK", "REFERENCES", "PRIMARY", "UNIQUE", "GENERATED", "COLLATE"];

    public static void Check(StatementWords w, LintContext context, List<LintFinding> findings)
    {
        var at = w.Is(2, "IF") && w.Is(3, "EXISTS") ? 4 : 2;
        at = w.Is(at, "ONLY") ? at + 1 : at;
        if (w.Name(at, out var next) is not { } table)
        {
            return;
        }

        // PostgreSQL sets NOT NULL before it adds or validates the checks of the same statement
        // (ALTER TABLE passes), so what this statement proves counts only for later statements.
        var proven = new List<string>();
        var isNew = context.IsNewTable(table);
        foreach (var (start, end) in w.Items(next))
        {
            if (w.Is(start, "ADD") && !ConstraintRules.IsConstraint(w, start + 1))
            {
                AddColumn(w, table, isNew, start, end, context, findings, proven);
            }
            else if (w.Is(start, "ADD"))
            {
                ConstraintRules.Add(w, table, isNew, start, end, context, findings, proven);
            }
            else if (w.Is(start, "VALIDATE") && w.Is(start + 1, "CONSTRAINT"))
            {
                ConstraintRules.Validate(w, table, start, context, findings, proven);
                context.CheckedTable(table);
            }
            else if (PartitionRules.Check(w, table, start, end, context, findings))
            {
                continue;
            }
            else if (!isNew)
            {
                Action(w, table, start, end, context, findings);
            }
        }

        proven.ForEach(column => context.ProvedNotNull(table, column));
    }

    private static void Action(StatementWords w, string table, int start, int end, LintContext context, List<LintFinding> findings)
    {
        if (w.Is(start, "DROP") && !w.Is(start + 1, "CONSTRAINT"))
        {
            var column = ColumnName(w, start + 1);
            findings.Add(new(LintRules.DropColumn, start, $"DROP COLUMN {table}.{column}"));
            CascadeRules.CheckDropAction(w, table, start, end, findings);
        }
        else if (w.Is(start, "DROP"))
        {
            CascadeRules.CheckDropAction(w, table, start, end, findings);
        }
        else if (StorageRules.CheckAction(w, table, start, findings) || NameMoveRules.CheckAction(w, table, start, findings))
        {
            return;
        }
        else if (w.Is(start, "RENAME"))
        {
            if (w.Is(start + 1, "TO"))
            {
                findings.Add(new(LintRules.RenameTable, start, $"RENAME of table {table}"));
            }
            else if (!w.Is(start + 1, "CONSTRAINT"))
            {
                findings.Add(new(LintRules.RenameColumn, start, $"RENAME of column {table}.{ColumnName(w, start + 1)}"));
            }
        }
        else if (w.Is(start, "ALTER"))
        {
            var columnAt = w.Is(start + 1, "COLUMN") ? start + 2 : start + 1;
            var k = columnAt + 1;
            if (w.Is(k, "TYPE") || (w.Is(k, "SET") && w.Is(k + 1, "DATA") && w.Is(k + 2, "TYPE")))
            {
                var typeAt = w.Is(k, "TYPE") ? k + 1 : k + 3;
                var column = w.Identifier(columnAt);
                var to = ColumnType.Read(w, typeAt, out var afterType);
                // Widening varchar (or varchar <-> text) keeps every value's bytes: no rewrite, no scan, nothing breaks.
                var widens = column is not null && to is not null && afterType == end && context.ColumnTypeOf(table, column) is { } from && from.WidensTo(to);
                if (column is not null && to is not null)
                {
                    context.DefinedColumn(table, column, to);
                }

                if (!widens)
                {
                    ColumnRules.CheckType(w, typeAt, end, findings);
                    findings.Add(new(LintRules.AlterColumnType, start, $"type change of {table}.{column}"));
                }
            }
            else if (w.Is(k, "SET") && w.Is(k + 1, "NOT") && w.Is(k + 2, "NULL") && !context.IsProvenNotNull(table, w.Identifier(columnAt)))
            {
                findings.Add(new(LintRules.SetNotNull, k, $"SET NOT NULL on {table}.{w.Identifier(columnAt)}"));
            }
            else
            {
                SequenceRules.CheckIdentity(w, table, w.Identifier(columnAt), k, end, findings);
            }
        }
    }

    private static void AddColumn(
        StatementWords w, string table, bool isNew, int start, int end, LintContext context, List<LintFinding> findings, List<string> proven)
    {
        var columnAt = w.Is(start + 1, "COLUMN") ? start + 2 : start + 1;
        columnAt = w.Is(columnAt, "IF") && w.Is(columnAt + 1, "NOT") && w.Is(columnAt + 2, "EXISTS") ? columnAt + 3 : columnAt;
        var column = w.Identifier(columnAt);
        ColumnRules.CheckColumn(w, table, columnAt, end, context, findings);
        if (isNew)
        {
            return;
        }

        var defaultAt = w.IndexAtTopLevel("DEFAULT", columnAt + 1, end);
        var generatedAt = w.IndexAtTopLevel("GENERATED", columnAt + 1, end);
        if (defaultAt > 0 && VolatileCall(w, defaultAt + 1, end) is { } function)
        {
            findings.Add(new(LintRules.AddColumnVolatileDefault, start, $"column {table}.{column} with default {function}()"));
        }
        else if (generatedAt > 0 && w.Is(generatedAt + 1, "ALWAYS") && w.Is(generatedAt + 2, "AS") && w.IsPunctuation(generatedAt + 3, '('))
        {
            findings.Add(new(LintRules.AddGeneratedColumn, generatedAt, $"stored generated column {table}.{column}"));
        }
        else if (ColumnRules.IsType(w, columnAt + 1, ColumnRules.SerialTypes) || generatedAt > 0)
        {
            // A serial's nextval() default and an identity are computed per row.
            var kind = generatedAt > 0 ? "an identity" : $"a {w.Identifier(columnAt + 1)}";
            findings.Add(new(LintRules.AddColumnVolatileDefault, start, $"{kind} column {table}.{column}"));
        }
        else if (defaultAt < 0 && ConstraintRules.Contains(w, columnAt + 1, end, "NOT", "NULL") && !context.IsEmptiedTable(table))
        {
            findings.Add(new(LintRules.AddColumnNotNullWithoutDefault, start, $"NOT NULL column {table}.{column} without a default"));
        }

        ConstraintRules.CheckColumnConstraints(w, table, column, columnAt + 1, end, findings, proven);
    }

    // The first volatile function called in the DEFAULT expression starting at `start` (random(), nextval(), a function of the user's).
    private static string? VolatileCall(StatementWords w, int start, int end)
    {
        var depth = 0;
        for (var i = start; i < end && w.Exists(i); i++)
        {
            depth += w.IsPunctuation(i, '(') ? 1 : w.IsPunctuation(i, ')') ? -1 : 0;
            if (depth == 0 && ConstraintWords.Any(c => w.Is(i, c)))
            {
                return null;
            }

            if (Called(w, i) is { } function && !KnownStableFunctions.Contains(function, StringComparer.Ordinal))
            {
                return function;
            }
        }

        return null;
    }

    // The function a call at `i` names (schema-qualified unless pg_catalog), or null when `i` is no call: a type
    // modifier after :: or AS (numeric(10, 2)) takes parentheses too.
    private static string? Called(StatementWords w, int i)
    {
        if (!w.IsPunctuation(i + 1, '(') || w.Identifier(i) is not { } name || w.Is(i - 1, "AS") || IsCastOperator(w, i - 1))
        {
            return null;
        }

        var schema = w.IsPunctuation(i - 1, '.') ? w.Identifier(i - 2) : null;
        return schema is null or "pg_catalog" ? name : $"{schema}.{name}";
    }

    private static bool IsCastOperator(StatementWords w, int index) =>
        w.TokenAt(index) is { Kind: Sql.SqlTokenKind.Punctuation, Length: 2 } token && w.Statement.Text.AsSpan(token.Offset, 2) is "::";

    private static string? ColumnName(StatementWords w, int index)
    {
        index = w.Is(index, "COLUMN") ? index + 1 : index;
        index = w.Is(index, "IF") && w.Is(index + 1, "EXISTS") ? index + 2 : index;
        return w.Identifier(index);
    }
}
