namespace MigrationTasks.Lint;

/// <summary>
/// ALTER DOMAIN ... ADD CONSTRAINT and SET NOT NULL: PostgreSQL checks every column of the domain
/// in every table under a SHARE lock. A CHECK added NOT VALID skips the check; NOT NULL has no such form.
/// </summary>
internal static class DomainRules
{
    public static void Check(StatementWords w, LintContext context, List<LintFinding> findings)
    {
        var nameAt = w.Is(2, "IF") && w.Is(3, "EXISTS") ? 4 : 2;
        if (w.Name(nameAt, out var next) is not { } domain || context.IsNew(ObjectKind.Domain, domain))
        {
            return;
        }

        if (w.Is(next, "ADD") && w.IndexAtTopLevel("NOT", next + 1) is var not && !(not > 0 && w.Is(not + 1, "VALID")))
        {
            findings.Add(new(LintRules.DomainConstraint, next, $"ADD CONSTRAINT on domain {domain}"));
        }
        else if (w.Is(next, "SET") && w.Is(next + 1, "NOT") && w.Is(next + 2, "NULL"))
        {
            findings.Add(new(LintRules.DomainConstraint, next, $"SET NOT NULL on domain {domain}"));
        }
    }
}
