namespace MigrationTasks.Lint;

/// <summary>
/// Decides which rules one statement breaks, from its tokens only, so that words inside comments,
/// strings, quoted identifiers and dollar-quoted bodies never count. ALTER TABLE and column
/// definitions have files of their own.
/// </summary>
internal static class StatementRules
{
    public static void Check(StatementWords w, LintContext context, List<LintFinding> findings)
    {
        if (w.Is(0, "CREATE"))
        {
            Create(w, context, findings);
        }
        else if (w.Is(0, "ALTER") && w.Is(1, "TABLE"))
        {
            if (w.Is(2, "ALL") && w.Is(3, "IN"))
            {
                StorageRules.CheckStatement(w, context, findings);
            }
            else
            {
                AlterTableRules.Check(w, context, findings);
            }
        }
        else if (w.Is(0, "ALTER"))
        {
            AlterRules.Check(w, context, findings);
        }
        else if (w.Is(0, "DROP"))
        {
            Drop(w, context, findings);
        }
        else if (w.Is(0, "REASSIGN") && w.Is(1, "OWNED"))
        {
            CascadeRules.RecordReassign(w, context);
        }
        else if (w.Is(0, "REFRESH"))
        {
            MaterializedViewRules.CheckRefresh(w, context, findings);
        }
        else if (w.Is(0, "LOCK"))
        {
            LockTableRule.Check(w, context, findings);
        }
        else if (w.Is(0, "SELECT") || w.Is(0, "WITH"))
        {
            SecurityRules.CheckSessionKill(w, findings);
            if (w.Is(0, "WITH"))
            {
                DataModifyingQueries(w, context, findings);
            }
        }
        else if (w.Is(0, "INSERT") && w.Is(1, "INTO") && w.Name(2, out _) is { } filled)
        {
            context.FilledTable(filled);
        }
        else if (w.Is(0, "TRUNCATE"))
        {
            Truncate(w, context, findings);
        }
        else if (w.Is(0, "DELETE") && w.Is(1, "FROM"))
        {
            WithoutWhere(w, w.Is(2, "ONLY") ? 3 : 2, LintRules.DeleteWithoutWhere, "DELETE FROM", context, findings);
        }
        else if (w.Is(0, "UPDATE"))
        {
            WithoutWhere(w, w.Is(1, "ONLY") ? 2 : 1, LintRules.UpdateWithoutWhere, "UPDATE", context, findings);
        }
        else if (w.Is(0, "REINDEX"))
        {
            Reindex(w, findings);
        }
        else if (w.Is(0, "VACUUM"))
        {
            Vacuum(w, findings);
        }
        else if (w.Is(0, "CLUSTER"))
        {
            var at = w.SkipParentheses(1);
            var table = w.Name(w.Is(at, "VERBOSE") ? at + 1 : at, out _);
            if (!context.IsNewTable(table))
            {
                findings.Add(new(LintRules.Cluster, 0, table is null ? "CLUSTER" : $"CLUSTER {table}"));
            }
        }
        else if (!context.OwnsTransactions && TransactionStatement(w) is { } control)
        {
            findings.Add(new(LintRules.TransactionControl, 0, control));
        }

        if (!(w.Is(0, "ALTER") && w.Is(1, "TYPE")))
        {
            EnumValueRule.CheckUse(w, context, findings);
        }
    }

    private static void Create(StatementWords w, LintContext context, List<LintFinding> findings)
    {
        if (CreatedObjects.RoutineKeyword(w) is var routine and > 0)
        {
            SecurityRules.CheckRoutine(w, routine, findings);
            return;
        }

        CreatedObjects.Record(w, context);
        var table = TableKeyword(w);
        if (table > 0)
        {
            var nameAt = w.Is(table + 1, "IF") && w.Is(table + 2, "NOT") && w.Is(table + 3, "EXISTS") ? table + 4 : table + 1;
            if (w.Name(nameAt, out var next) is { } name)
            {
                ColumnRules.CheckCreateTable(w, name, next, context, findings);
                context.CreatedTable(name);
            }

            return;
        }

        var index = w.Is(1, "UNIQUE") ? 2 : 1;
        if (!w.Is(index, "INDEX"))
        {
            return;
        }

        var concurrently = w.Is(index + 1, "CONCURRENTLY");
        var nameIndex = concurrently ? index + 2 : index + 1;
        nameIndex = w.Is(nameIndex, "IF") && w.Is(nameIndex + 1, "NOT") && w.Is(nameIndex + 2, "EXISTS") ? nameIndex + 3 : nameIndex;
        var on = w.IndexOf("ON", index + 1);
        var onTable = on < 0 ? null : w.Name(w.Is(on + 1, "ONLY") ? on + 2 : on + 1, out _);
        if (!w.Is(nameIndex, "ON") && w.Identifier(nameIndex) is { } indexName && onTable is not null)
        {
            // An index always lives in its table's schema.
            context.CreatedIndex(StatementWords.SchemaPrefix(onTable) + indexName);
        }

        if (!concurrently && onTable is not null && !context.IsNewTable(onTable))
        {
            findings.Add(new(LintRules.CreateIndex, 0, $"CREATE INDEX on {onTable}"));
        }
    }

    // CREATE [GLOBAL|LOCAL] [TEMP|TEMPORARY|UNLOGGED] TABLE: the index of TABLE, or -1.
    private static int TableKeyword(StatementWords w)
    {
        var i = w.Is(1, "GLOBAL") || w.Is(1, "LOCAL") ? 2 : 1;
        i = w.Is(i, "TEMP") || w.Is(i, "TEMPORARY") || w.Is(i, "UNLOGGED") ? i + 1 : i;
        return w.Is(i, "TABLE") ? i : -1;
    }

    private static void Drop(StatementWords w, LintContext context, List<LintFinding> findings)
    {
        var at = w.Is(1, "MATERIALIZED") || w.Is(1, "FOREIGN") ? 3 : 2;
        at = w.Is(at, "CONCURRENTLY") ? at + 1 : at;
        var dropped = Names(w, w.Is(at, "IF") && w.Is(at + 1, "EXISTS") ? at + 2 : at);
        CascadeRules.CheckDrop(w, dropped, OnlyNew(w, dropped, context), context, findings);
        if (w.Is(1, "SCHEMA") || w.Is(1, "DATABASE"))
        {
            findings.Add(new(LintRules.DropSchema, 0, $"DROP {w.Identifier(1)!.ToUpperInvariant()} {w.Identifier(w.Is(2, "IF") ? 4 : 2)}"));
            return;
        }

        if (w.Is(1, "TABLE"))
        {
            var existing = Names(w, w.Is(2, "IF") && w.Is(3, "EXISTS") ? 4 : 2).Where(n => !context.IsNewTable(n)).ToList();
            if (existing.Count > 0)
            {
                findings.Add(new(LintRules.DropTable, 0, $"DROP TABLE {string.Join(", ", existing)}"));
            }

            return;
        }

        if (w.Is(1, "INDEX") && !w.Is(2, "CONCURRENTLY"))
        {
            var existing = Names(w, w.Is(2, "IF") && w.Is(3, "EXISTS") ? 4 : 2).Where(n => !context.IsNewIndex(n)).ToList();
            if (existing.Count > 0)
            {
                findings.Add(new(LintRules.DropIndex, 0, $"DROP INDEX {string.Join(", ", existing)}"));
            }
        }
    }

    private static void Truncate(StatementWords w, LintContext context, List<LintFinding> findings)
    {
        var at = w.Is(1, "TABLE") ? 2 : 1;
        var existing = Names(w, w.Is(at, "ONLY") ? at + 1 : at).Where(n => !context.IsNewTable(n)).ToList();
        if (existing.Count > 0 || w.IndexOf("CASCADE", at) > 0)
        {
            var cascade = w.IndexOf("CASCADE", at) > 0 ? " CASCADE" : "";
            findings.Add(new(LintRules.Truncate, 0, $"TRUNCATE {string.Join(", ", existing)}{cascade}"));
        }
    }

    // DROP {TABLE | VIEW | MATERIALIZED VIEW | SCHEMA | SEQUENCE | DOMAIN | TYPE} naming only objects created in this migration.
    private static bool OnlyNew(StatementWords w, List<string> names, LintContext context)
    {
        Func<string, bool>? isNew = w.Is(1, "TABLE") || w.Is(1, "VIEW") || w.Is(1, "MATERIALIZED") ? n => context.IsNewTable(n)
            : w.Is(1, "SCHEMA") ? n => context.IsNew(ObjectKind.Schema, n)
            : w.Is(1, "SEQUENCE") ? n => context.IsNew(ObjectKind.Sequence, n)
            : w.Is(1, "DOMAIN") ? n => context.IsNew(ObjectKind.Domain, n)
            : w.Is(1, "TYPE") ? n => context.IsNew(ObjectKind.Type, n)
            : null;
        return isNew is not null && names.Count > 0 && names.All(isNew);
    }

    // A comma-separated list of names, as DROP TABLE and TRUNCATE take.
    private static List<string> Names(StatementWords w, int start)
    {
        var names = new List<string>();
        for (var i = start; w.Name(i, out var next) is { } name; i = next + 1)
        {
            names.Add(name);
            if (!w.IsPunctuation(next, ','))
            {
                break;
            }
        }

        return names;
    }

    private static void WithoutWhere(StatementWords w, int tableAt, LintRule rule, string verb, LintContext context, List<LintFinding> findings, int end = int.MaxValue)
    {
        var table = w.Name(tableAt, out _);
        if (table is null || w.IndexAtTopLevel("WHERE", tableAt, end) >= 0)
        {
            return;
        }

        if (rule == LintRules.DeleteWithoutWhere)
        {
            // No row is left, so a later ADD COLUMN ... NOT NULL in this migration has none to fail on.
            context.EmptiedTable(table);
        }

        if (!context.IsNewTable(table))
        {
            findings.Add(new(rule, 0, $"{verb} {table} without WHERE"));
        }
    }

    // WITH d AS (DELETE FROM t RETURNING ...) SELECT ...: a DELETE or UPDATE that opens a WITH query's parentheses,
    // or follows the WITH list, is judged like a plain one (FOR UPDATE and DO UPDATE follow a word, not a parenthesis).
    private static void DataModifyingQueries(StatementWords w, LintContext context, List<LintFinding> findings)
    {
        for (var i = 2; w.Exists(i); i++)
        {
            var inParentheses = w.IsPunctuation(i - 1, '(');
            if (!inParentheses && !w.IsPunctuation(i - 1, ')'))
            {
                continue;
            }

            var end = inParentheses ? w.SkipParentheses(i - 1) - 1 : int.MaxValue;
            if (w.Is(i, "DELETE") && w.Is(i + 1, "FROM"))
            {
                WithoutWhere(w, w.Is(i + 2, "ONLY") ? i + 3 : i + 2, LintRules.DeleteWithoutWhere, "DELETE FROM", context, findings, end);
            }
            else if (w.Is(i, "UPDATE"))
            {
                WithoutWhere(w, w.Is(i + 1, "ONLY") ? i + 2 : i + 1, LintRules.UpdateWithoutWhere, "UPDATE", context, findings, end);
            }
        }
    }

    private static void Reindex(StatementWords w, List<LintFinding> findings)
    {
        var kind = w.SkipParentheses(1);
        if (!Vacuums.OptionOn(w, "CONCURRENTLY") && !w.Is(kind + 1, "CONCURRENTLY") && !w.Is(kind, "SYSTEM"))
        {
            findings.Add(new(LintRules.Reindex, 0, $"REINDEX {w.Identifier(kind)?.ToUpperInvariant()} {w.Identifier(kind + 1)}".TrimEnd()));
        }
    }

    // VACUUM FULL ... or VACUUM (FULL [true], ...) ...
    private static void Vacuum(StatementWords w, List<LintFinding> findings)
    {
        if (Vacuums.Full(w) is not null)
        {
            findings.Add(new(LintRules.VacuumFull, 0, "VACUUM FULL"));
        }
    }

    // PREPARE TRANSACTION, COMMIT PREPARED and ROLLBACK PREPARED are the transaction rule's (MT1022), which cannot be waived.
    private static string? TransactionStatement(StatementWords w) =>
        w.Is(1, "PREPARED") || (w.Is(0, "PREPARE") && w.Is(1, "TRANSACTION")) ? null
        : w.Is(0, "BEGIN") ? "BEGIN"
        : w.Is(0, "START") && w.Is(1, "TRANSACTION") ? "START TRANSACTION"
        : w.Is(0, "COMMIT") || w.Is(0, "END") ? "COMMIT"
        : w.Is(0, "ROLLBACK") || w.Is(0, "ABORT") ? "ROLLBACK"
        : w.Is(0, "SAVEPOINT") ? "SAVEPOINT"
        : w.Is(0, "RELEASE") ? "RELEASE SAVEPOINT"
        : null;
}
