namespace MigrationTasks.Lint;

/// <summary>
/// ALTER TYPE ... ADD VALUE 'v' followed, in the same transaction, by a statement that uses 'v':
/// PostgreSQL refuses it with 55P04 until the transaction that added the value commits, even for a
/// type created in the same transaction. A no-transaction migration is exempt (each statement commits).
/// </summary>
internal static class EnumValueRule
{
    /// <summary>ALTER TYPE name ADD VALUE [IF NOT EXISTS] 'v': remembers 'v' in a transactional migration.</summary>
    public static void RecordAddValue(StatementWords w, int add, LintContext context)
    {
        var valueAt = w.Is(add + 2, "IF") && w.Is(add + 3, "NOT") && w.Is(add + 4, "EXISTS") ? add + 5 : add + 2;
        if (context.Transactional && w.StringLiteral(valueAt) is { } value)
        {
            context.AddedEnumValue(value);
        }
    }

    /// <summary>A later statement: reads its string literals only when the migration added a value, so other files pay nothing.</summary>
    public static void CheckUse(StatementWords w, LintContext context, List<LintFinding> findings)
    {
        if (context.AddedEnumValues.Count == 0)
        {
            return;
        }

        for (var i = 0; w.Exists(i); i++)
        {
            if (w.StringLiteral(i) is { } literal && context.AddedEnumValues.Contains(literal))
            {
                findings.Add(new(LintRules.NewEnumValueInTransaction, i, $"'{literal}', added to its enum earlier in this transaction,"));
                return;
            }
        }
    }
}
