using MigrationTasks.Sql;

namespace MigrationTasks.Lint;

/// <summary>
/// Describes, for <c>migrations plan</c>, the lock each statement of a migration takes on an
/// existing table. Tables created earlier in the migration are left out: nobody else can wait on them.
/// </summary>
public static class StatementLocks
{
    internal const string AccessExclusive = "ACCESS EXCLUSIVE";
    private const string ShareUpdateExclusive = "SHARE UPDATE EXCLUSIVE";

    /// <summary>One entry per statement: its lock, or null when it takes none worth showing.</summary>
    public static IReadOnlyList<StatementLock?> Describe(IReadOnlyList<SqlStatement> statements)
    {
        var context = new LintContext();
        var locks = new List<StatementLock?>(statements.Count);
        foreach (var statement in statements)
        {
            var w = new StatementWords(statement);
            var described = Describe(w, context);
            StatementRules.Check(w, context, []);
            locks.Add(described is not null && !context.IsNewTable(described.Table) ? described : null);
        }

        return locks;
    }

    /// <param name="context">What earlier statements of the migration did; read before the rules record this statement.</param>
    internal static StatementLock? Describe(StatementWords w, LintContext context)
    {
        if (w.Is(0, "ALTER") && w.Is(1, "TABLE"))
        {
            return AlterTable(w, context);
        }

        if (w.Is(0, "CREATE"))
        {
            var index = w.Is(1, "UNIQUE") ? 2 : 1;
            var on = w.Is(index, "INDEX") ? w.IndexOf("ON", index + 1) : -1;
            var table = on < 0 ? null : w.Name(w.Is(on + 1, "ONLY") ? on + 2 : on + 1, out _);
            return table is null ? null
                : w.Is(index + 1, "CONCURRENTLY") ? new(ShareUpdateExclusive, table, "builds the index without blocking writes")
                : new("SHARE", table, "blocks writes while the index builds");
        }

        var nameAt = w.Is(2, "IF") && w.Is(3, "EXISTS") ? 4 : 2;
        var viewAt = w.Is(1, "MATERIALIZED") ? nameAt + 1 : nameAt;
        viewAt = w.Is(1, "MATERIALIZED") && w.Is(3, "IF") && w.Is(4, "EXISTS") ? 5 : viewAt;
        return w.Is(0, "DROP") && w.Is(1, "TABLE") && w.Name(nameAt, out _) is { } dropped ? new(AccessExclusive, dropped, "deletes the table")
            : w.Is(0, "DROP") && (w.Is(1, "VIEW") || (w.Is(1, "MATERIALIZED") && w.Is(2, "VIEW"))) && w.Name(viewAt, out _) is { } droppedView ? new(AccessExclusive, droppedView, "deletes the view")
            : w.Is(0, "VACUUM") && Vacuums.Full(w) is { } fullAt && w.Name(fullAt, out _) is { } vacuumedFull ? new(AccessExclusive, vacuumedFull, "rewrites the table")
            : w.Is(0, "REINDEX") && Reindexed(w) is { } reindexed ? new("SHARE", reindexed, "blocks writes while the indexes rebuild")
            : w.Is(0, "DROP") && w.Is(1, "INDEX") && w.Is(2, "CONCURRENTLY") ? null
            : w.Is(0, "DROP") && w.Is(1, "INDEX") && w.Name(nameAt, out _) is { } droppedIndex ? new(AccessExclusive, $"the table of index {droppedIndex}", null)
            : w.Is(0, "TRUNCATE") && w.Name(w.Is(1, "TABLE") ? 2 : 1, out _) is { } truncated ? new(AccessExclusive, truncated, "deletes every row")
            : w.Is(0, "CLUSTER") && w.Name(w.Is(1, "VERBOSE") ? 2 : 1, out _) is { } clustered ? new(AccessExclusive, clustered, "rewrites the table")
            : w.Is(0, "LOCK") && LockTableRule.Read(w) is { Table: { } lockedTable } locked ? new(locked.Mode, lockedTable, null)
            : w.Is(0, "REFRESH") && w.Is(1, "MATERIALIZED") && !w.Is(3, "CONCURRENTLY") && w.Name(3, out _) is { } view ? new(AccessExclusive, view, "blocks reads while it refreshes")
            : null;
    }

    // REINDEX [(options)] {INDEX | TABLE} name without CONCURRENTLY: SHARE on the table (and ACCESS EXCLUSIVE on an index
    // being rebuilt), so reads go on and writes wait. SCHEMA, DATABASE and SYSTEM name no one table.
    private static string? Reindexed(StatementWords w)
    {
        var kind = w.SkipParentheses(1);
        if (Vacuums.OptionOn(w, "CONCURRENTLY") || w.Is(kind + 1, "CONCURRENTLY") || w.Name(kind + 1, out _) is not { } name)
        {
            return null;
        }

        return w.Is(kind, "TABLE") ? name : w.Is(kind, "INDEX") ? $"the table of index {name}" : null;
    }

    private static readonly LintRule[] Rewrites =
        [LintRules.AlterColumnType, LintRules.AddColumnVolatileDefault, LintRules.AddGeneratedColumn, LintRules.SetPersistence, LintRules.SetTablespace];

    // Most ALTER TABLE forms take ACCESS EXCLUSIVE; the lighter ones and the costly ones are named here.
    private static StatementLock? AlterTable(StatementWords w, LintContext context)
    {
        var at = w.Is(2, "IF") && w.Is(3, "EXISTS") ? 4 : 2;
        at = w.Is(at, "ONLY") ? at + 1 : at;
        if (w.Name(at, out var next) is not { } table)
        {
            return null;
        }

        var actions = w.Items(next);
        if (actions.All(a => w.Is(a.Start, "VALIDATE") || ((w.Is(a.Start, "SET") || w.Is(a.Start, "RESET")) && w.IsPunctuation(a.Start + 1, '('))
            || (w.Is(a.Start, "ATTACH") && w.Is(a.Start + 1, "PARTITION"))
            || (w.Is(a.Start, "DETACH") && w.Is(a.Start + 1, "PARTITION") && w.IndexOf("CONCURRENTLY", a.Start + 2) is var concurrently && concurrently > 0 && concurrently < a.End)))
        {
            return new(ShareUpdateExclusive, table, null);
        }

        var findings = new List<LintFinding>();
        AlterTableRules.Check(w, context, findings);
        var effect = findings.Any(f => Rewrites.Contains(f.Rule))
            ? "rewrites the table"
            : findings.Any(f => f.Rule == LintRules.SetNotNull || f.Rule == LintRules.AddCheckConstraint || f.Rule == LintRules.AddForeignKey) ? "scans every row"
            : findings.Any(f => f.Rule == LintRules.AddUniqueConstraint || f.Rule == LintRules.AddExclusionConstraint) ? "builds an index"
            : null;
        return actions.All(a => w.Is(a.Start, "ADD") && (w.Is(a.Start + 1, "FOREIGN") || (w.Is(a.Start + 1, "CONSTRAINT") && w.Is(a.Start + 3, "FOREIGN"))))
            ? new("SHARE ROW EXCLUSIVE", table, effect)
            : new(AccessExclusive, table, effect);
    }
}
