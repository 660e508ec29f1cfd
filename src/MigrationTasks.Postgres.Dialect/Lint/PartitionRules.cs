namespace MigrationTasks.Lint;

/// <summary>
/// ALTER TABLE parent ATTACH PARTITION child ... and DETACH PARTITION child. Attaching scans the
/// child to prove its rows fit the bound unless a validated CHECK constraint already proves it;
/// detaching without CONCURRENTLY locks the parent ACCESS EXCLUSIVE.
/// </summary>
internal static class PartitionRules
{
    /// <summary>Whether the action at <paramref name="start"/> is ATTACH or DETACH PARTITION; reports it if it costs.</summary>
    public static bool Check(StatementWords w, string parent, int start, int end, LintContext context, List<LintFinding> findings)
    {
        if (!w.Is(start + 1, "PARTITION") || !(w.Is(start, "ATTACH") || w.Is(start, "DETACH")))
        {
            return false;
        }

        var child = w.Name(start + 2, out _);
        if (w.Is(start, "ATTACH"))
        {
            // A partition created or given a validated CHECK earlier in this migration: the first is
            // empty or unseen, the second is the recipe (the server then says the scan is skipped).
            if (!context.IsNewTable(child) && !context.IsCheckedTable(child))
            {
                findings.Add(new(LintRules.AttachPartitionScan, start, $"ATTACH PARTITION {child} to {parent}"));
            }
        }
        else if (!context.IsNewTable(parent) && w.IndexOf("CONCURRENTLY", start + 2) is var concurrently && (concurrently < 0 || concurrently >= end)
            && w.IndexOf("FINALIZE", start + 2) is var finalize && (finalize < 0 || finalize >= end))
        {
            findings.Add(new(LintRules.DetachPartition, start, $"DETACH PARTITION {child} from {parent}"));
        }

        return true;
    }
}
