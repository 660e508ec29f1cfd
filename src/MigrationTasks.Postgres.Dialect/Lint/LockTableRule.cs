namespace MigrationTasks.Lint;

/// <summary>
/// LOCK [TABLE] [ONLY] name [*] [, ...] [IN mode MODE] [NOWAIT] in a mode that blocks writes: SHARE
/// and stronger. Without IN ... MODE the mode is ACCESS EXCLUSIVE.
/// </summary>
internal static class LockTableRule
{
    private static readonly string[] WeakModes = ["ACCESS SHARE", "ROW SHARE", "ROW EXCLUSIVE", "SHARE UPDATE EXCLUSIVE"];

    /// <summary>Whether a lock in <paramref name="mode"/> blocks writes (SHARE and stronger), so that waiting for it queues every writer behind.</summary>
    public static bool BlocksWrites(string mode) => !WeakModes.Contains(mode);

    /// <summary>The mode the LOCK statement takes, as PostgreSQL names it, and the first table it names.</summary>
    public static (string Mode, string? Table, List<string> Tables) Read(StatementWords w)
    {
        var tables = new List<string>();
        var i = w.Is(1, "TABLE") ? 2 : 1;
        for (i = w.Is(i, "ONLY") ? i + 1 : i; w.Name(i, out var next) is { } table; i = next + 1)
        {
            tables.Add(table);
            next = w.IsOperator(next, "*") || w.IsPunctuation(next, '*') ? next + 1 : next;
            if (!w.IsPunctuation(next, ','))
            {
                i = next;
                break;
            }
        }

        var mode = StatementLocks.AccessExclusive;
        if (w.Is(i, "IN") && w.IndexOf("MODE", i + 1) is var end and > 0)
        {
            mode = string.Join(' ', Enumerable.Range(i + 1, end - i - 1).Select(k => w.Identifier(k)!.ToUpperInvariant()));
        }

        return (mode, tables.FirstOrDefault(), tables);
    }

    public static void Check(StatementWords w, LintContext context, List<LintFinding> findings)
    {
        var (mode, _, tables) = Read(w);
        var existing = tables.Where(t => !context.IsNewTable(t)).ToList();
        if (existing.Count > 0 && BlocksWrites(mode))
        {
            findings.Add(new(LintRules.LockTable, 0, $"LOCK {string.Join(", ", existing)} IN {mode} MODE"));
        }
    }
}
