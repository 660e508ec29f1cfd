namespace MigrationTasks.Lint;

/// <summary>
/// ALTER statements other than ALTER TABLE: types (enum values), indexes and materialized views
/// (storage), domains, sequences, and the schema moves any object kind can make.
/// </summary>
internal static class AlterRules
{
    public static void Check(StatementWords w, LintContext context, List<LintFinding> findings)
    {
        if (w.Is(1, "TYPE") && w.Name(2, out var next) is { } type)
        {
            if (w.Is(next, "RENAME") && w.Is(next + 1, "VALUE"))
            {
                findings.Add(new(LintRules.RenameEnumValue, next, $"ALTER TYPE {type} RENAME VALUE"));
                return;
            }

            if (w.Is(next, "ADD") && w.Is(next + 1, "VALUE"))
            {
                EnumValueRule.RecordAddValue(w, next, context);
                return;
            }
        }
        else if (w.Is(1, "INDEX") || (w.Is(1, "MATERIALIZED") && w.Is(2, "VIEW")))
        {
            StorageRules.CheckStatement(w, context, findings);
        }
        else if (w.Is(1, "DOMAIN"))
        {
            DomainRules.Check(w, context, findings);
        }
        else if (w.Is(1, "SEQUENCE"))
        {
            SequenceRules.CheckAlterSequence(w, context, findings);
        }

        NameMoveRules.CheckStatement(w, context, findings);
    }
}
