namespace MigrationTasks.Lint;

/// <summary>
/// RESTART of a sequence (ALTER SEQUENCE ... RESTART) or of an identity column (ALTER TABLE ...
/// ALTER COLUMN ... RESTART): the numbers it hands out next are ones rows may already hold.
/// setval() is left alone: moving a sequence past the current maximum is its common, safe use.
/// </summary>
internal static class SequenceRules
{
    public static void CheckAlterSequence(StatementWords w, LintContext context, List<LintFinding> findings)
    {
        var nameAt = w.Is(2, "IF") && w.Is(3, "EXISTS") ? 4 : 2;
        var sequence = w.Name(nameAt, out var next);
        if (sequence is not null && w.IndexOf("RESTART", next) is var restart and > 0 && !context.IsNew(ObjectKind.Sequence, sequence))
        {
            findings.Add(new(LintRules.RestartSequence, restart, $"RESTART of sequence {sequence}"));
        }
    }

    /// <summary>ALTER [COLUMN] column ... RESTART in [<paramref name="start"/>, <paramref name="end"/>) of an ALTER TABLE on an existing table.</summary>
    public static void CheckIdentity(StatementWords w, string table, string? column, int start, int end, List<LintFinding> findings)
    {
        if (w.IndexOf("RESTART", start) is var restart and > 0 && restart < end)
        {
            findings.Add(new(LintRules.RestartSequence, restart, $"RESTART of identity column {table}.{column}"));
        }
    }
}
