namespace MigrationTasks.Lint;

/// <summary>
/// Moves of a relation's files: SET LOGGED / UNLOGGED rewrites the table, SET TABLESPACE copies a
/// table, index or materialized view, and ALTER ... ALL IN TABLESPACE moves every one of them.
/// </summary>
internal static class StorageRules
{
    /// <summary>An ALTER TABLE action at <paramref name="start"/>: whether it was a storage move, reported.</summary>
    public static bool CheckAction(StatementWords w, string table, int start, List<LintFinding> findings)
    {
        if (!w.Is(start, "SET"))
        {
            return false;
        }

        if (w.Is(start + 1, "LOGGED") || w.Is(start + 1, "UNLOGGED"))
        {
            findings.Add(new(LintRules.SetPersistence, start, $"SET {w.Identifier(start + 1)!.ToUpperInvariant()} on {table}"));
            return true;
        }

        if (w.Is(start + 1, "TABLESPACE"))
        {
            findings.Add(new(LintRules.SetTablespace, start, $"SET TABLESPACE {w.Identifier(start + 2)} on {table}"));
            return true;
        }

        return false;
    }

    /// <summary>
    /// ALTER {TABLE | INDEX | MATERIALIZED VIEW} ALL IN TABLESPACE ..., and ALTER INDEX / MATERIALIZED VIEW
    /// name SET TABLESPACE (ALTER TABLE's own actions go through <see cref="CheckAction"/>).
    /// </summary>
    public static void CheckStatement(StatementWords w, LintContext context, List<LintFinding> findings)
    {
        var kind = w.Is(1, "MATERIALIZED") && w.Is(2, "VIEW") ? 3 : 2;
        var what = kind == 3 ? "MATERIALIZED VIEW" : w.Identifier(1)!.ToUpperInvariant();
        if (w.Is(kind, "ALL") && w.Is(kind + 1, "IN") && w.Is(kind + 2, "TABLESPACE"))
        {
            var to = w.IndexOf("SET", kind + 3);
            findings.Add(new(LintRules.SetTablespace, 0, $"ALTER {what} ALL IN TABLESPACE {w.Identifier(kind + 3)}{(to > 0 ? $" SET TABLESPACE {w.Identifier(to + 2)}" : "")}"));
            return;
        }

        var nameAt = w.Is(kind, "IF") && w.Is(kind + 1, "EXISTS") ? kind + 2 : kind;
        var name = w.Name(nameAt, out var next);
        var isNew = kind == 3 ? context.IsNewTable(name) : context.IsNewIndex(name);
        if (name is not null && !isNew && what != "TABLE" && w.Is(next, "SET") && w.Is(next + 1, "TABLESPACE"))
        {
            findings.Add(new(LintRules.SetTablespace, next, $"SET TABLESPACE {w.Identifier(next + 2)} on {what.ToLowerInvariant()} {name}"));
        }
    }
}
