namespace MigrationTasks.Lint;

/// <summary>
/// Constraints added to an existing table: <c>ADD [CONSTRAINT name] FOREIGN KEY | CHECK | UNIQUE |
/// PRIMARY KEY</c>, <c>VALIDATE CONSTRAINT</c>, and the constraints written on a column added with
/// ADD COLUMN, which (unlike table constraints) cannot be NOT VALID. Also notes which validated
/// checks prove a column not null, so that a later SET NOT NULL needs no scan.
/// </summary>
internal static class ConstraintRules
{
    public static bool IsConstraint(StatementWords w, int index) =>
        w.Is(index, "CONSTRAINT") || w.Is(index, "FOREIGN") || w.Is(index, "CHECK") || w.Is(index, "UNIQUE") || w.Is(index, "PRIMARY") || w.Is(index, "EXCLUDE");

    /// <summary>The ADD action from <paramref name="start"/> (the ADD) to <paramref name="end"/>; <paramref name="proven"/> collects the columns a validated check proves not null.</summary>
    public static void Add(StatementWords w, string table, bool isNew, int start, int end, LintContext context, List<LintFinding> findings, List<string> proven)
    {
        ColumnRules.CheckPrimaryKey(w, table, start + 1, context, findings);
        if (isNew)
        {
            return;
        }

        var kind = w.Is(start + 1, "CONSTRAINT") ? start + 3 : start + 1;
        var rule = w.Is(kind, "FOREIGN") ? LintRules.AddForeignKey : w.Is(kind, "CHECK") ? LintRules.AddCheckConstraint : null;
        var notNullColumn = w.Is(kind, "CHECK") ? NotNullColumn(w, kind + 1) : null;
        if (rule is not null && Contains(w, start, end, "NOT", "VALID"))
        {
            var name = w.Is(start + 1, "CONSTRAINT") ? w.Identifier(start + 2) : DefaultName(w, table, kind);
            if (name is not null)
            {
                context.AddedNotValid(table, name, rule, notNullColumn);
            }
        }
        else if (rule is not null)
        {
            findings.Add(new(rule, start, rule == LintRules.AddForeignKey ? $"FOREIGN KEY on {table}" : $"CHECK constraint on {table}"));
            if (rule == LintRules.AddCheckConstraint)
            {
                context.CheckedTable(table);
            }

            if (notNullColumn is not null)
            {
                proven.Add(notNullColumn);
            }
        }
        else if (w.Is(kind, "EXCLUDE"))
        {
            findings.Add(new(LintRules.AddExclusionConstraint, start, $"EXCLUDE constraint on {table}"));
        }
        else if ((w.Is(kind, "UNIQUE") || w.Is(kind, "PRIMARY")) && !Contains(w, start, end, "USING", "INDEX"))
        {
            findings.Add(new(LintRules.AddUniqueConstraint, start, $"{(w.Is(kind, "UNIQUE") ? "UNIQUE" : "PRIMARY KEY")} constraint on {table}"));
        }
    }

    /// <summary>
    /// VALIDATE CONSTRAINT name at <paramref name="start"/>. Validating a constraint added NOT VALID in
    /// the same transaction scans the table while the add's lock is still held, which is what NOT VALID
    /// was meant to avoid; in a no-transaction migration each statement commits, so it is the safe recipe.
    /// </summary>
    public static void Validate(StatementWords w, string table, int start, LintContext context, List<LintFinding> findings, List<string> proven)
    {
        var name = w.Identifier(start + 2);
        if (name is not null && context.AddedNotValidEarlier(table, name) is null && context.EarlierNotNullCheck(table, name) is { } earlier)
        {
            // Added NOT VALID by an earlier migration: the two-file recipe, no transaction holds both.
            proven.Add(earlier);
        }

        if (name is null || context.AddedNotValidEarlier(table, name) is not { } added)
        {
            return;
        }

        if (added.NotNullColumn is { } column)
        {
            proven.Add(column);
        }

        if (context.Transactional && added.AddedInTransaction == context.CommittedTransactions)
        {
            findings.Add(new(added.Rule, start, $"VALIDATE CONSTRAINT {name} in the transaction that added it NOT VALID"));
        }
    }

    /// <summary>The constraints written on <paramref name="column"/>, added to an existing table, in [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public static void CheckColumnConstraints(StatementWords w, string table, string? column, int start, int end, List<LintFinding> findings, List<string> proven)
    {
        var subject = $"the new column {table}.{column}";
        if (w.IndexAtTopLevel("REFERENCES", start, end) is var references and > 0)
        {
            findings.Add(new(LintRules.AddForeignKey, references, $"REFERENCES on {subject} (a column's REFERENCES cannot be NOT VALID)"));
        }

        if (w.IndexAtTopLevel("CHECK", start, end) is var check and > 0)
        {
            findings.Add(new(LintRules.AddCheckConstraint, check, $"CHECK on {subject} (a column's CHECK cannot be NOT VALID)"));
            if (column is not null && NotNullColumn(w, check + 1) == column)
            {
                proven.Add(column);
            }
        }

        var unique = w.IndexAtTopLevel("UNIQUE", start, end);
        var primary = w.IndexAtTopLevel("PRIMARY", start, end);
        if (unique > 0 || (primary > 0 && w.Is(primary + 1, "KEY")))
        {
            findings.Add(new(LintRules.AddUniqueConstraint, unique > 0 ? unique : primary, $"{(unique > 0 ? "UNIQUE" : "PRIMARY KEY")} on {subject}"));
        }
    }

    /// <summary>
    /// The name PostgreSQL gives an unnamed constraint, where it is predictable: <c>table_a_b_fkey</c> for
    /// FOREIGN KEY (a, b) and <c>table_col_check</c> for CHECK (col IS NOT NULL); null otherwise (a check
    /// naming several columns, or none, is <c>table_check</c> plus a number when taken).
    /// </summary>
    private static string? DefaultName(StatementWords w, string table, int kind)
    {
        var relation = table[StatementWords.SchemaPrefix(table).Length..];
        if (w.Is(kind, "CHECK"))
        {
            return IsNotNullTest(w, kind + 2, w.SkipParentheses(kind + 1) - 1) is { } column ? $"{relation}_{column}_check" : null;
        }

        var columns = new List<string>();
        for (var i = kind + 3; w.Identifier(i) is { } column; i += 2)
        {
            columns.Add(column);
            if (!w.IsPunctuation(i + 1, ','))
            {
                break;
            }
        }

        return w.Is(kind + 1, "KEY") && columns.Count > 0 ? $"{relation}_{string.Join('_', columns)}_fkey" : null;
    }

    /// <summary>
    /// For <c>CHECK (... column IS NOT NULL ...)</c> with the parenthesis at <paramref name="open"/>: the
    /// column, when a top-level AND conjunct is exactly that test (what PostgreSQL's proof accepts), or null.
    /// </summary>
    public static string? NotNullColumn(StatementWords w, int open)
    {
        var close = w.SkipParentheses(open) - 1;
        if (!w.IsPunctuation(open, '(') || w.IndexAtTopLevel("OR", open + 1, close) > 0)
        {
            return null;
        }

        var depth = 0;
        var conjunct = open + 1;
        for (var i = open + 1; i <= close; i++)
        {
            depth += w.IsPunctuation(i, '(') ? 1 : w.IsPunctuation(i, ')') ? -1 : 0;
            if (i == close || (depth == 0 && w.Is(i, "AND")))
            {
                if (IsNotNullTest(w, conjunct, i) is { } column)
                {
                    return column;
                }

                conjunct = i + 1;
            }
        }

        return null;
    }

    // [(...] column IS NOT NULL [...)] in [start, end).
    private static string? IsNotNullTest(StatementWords w, int start, int end)
    {
        while (w.IsPunctuation(start, '(') && w.SkipParentheses(start) == end)
        {
            start++;
            end--;
        }

        return end - start == 4 && w.Is(start + 1, "IS") && w.Is(start + 2, "NOT") && w.Is(start + 3, "NULL") ? w.Identifier(start) : null;
    }

    public static bool Contains(StatementWords w, int start, int end, string first, string second)
    {
        for (var i = start; i < end - 1; i++)
        {
            if (w.Is(i, first) && w.Is(i + 1, second))
            {
                return true;
            }
        }

        return false;
    }
}
