namespace MigrationTasks.Lint;

/// <summary>
/// DROP ... CASCADE (of any object, and ALTER TABLE ... DROP COLUMN | CONSTRAINT ... CASCADE), and
/// DROP OWNED BY a role whose objects were not handed over by REASSIGN OWNED earlier in the migration.
/// </summary>
internal static class CascadeRules
{
    /// <summary>A DROP statement naming <paramref name="names"/>; <paramref name="newOnly"/> says whether every one was created in this migration.</summary>
    public static void CheckDrop(StatementWords w, List<string> names, bool newOnly, LintContext context, List<LintFinding> findings)
    {
        var owned = w.Is(1, "OWNED") && w.Is(2, "BY");
        if (owned && Roles(w, 3).Where(r => !context.IsReassignedRole(r)).ToList() is { Count: > 0 } roles)
        {
            findings.Add(new(LintRules.DropOwned, 0, $"DROP OWNED BY {string.Join(", ", roles)}"));
        }

        if (!newOnly && w.IndexAtTopLevel("CASCADE", 1) is var cascade and > 0)
        {
            var kind = w.Is(1, "MATERIALIZED") || w.Is(1, "FOREIGN") ? $"{w.Identifier(1)} {w.Identifier(2)}" : w.Identifier(1);
            var what = owned ? $"OWNED BY {string.Join(", ", Roles(w, 3))}" : $"{kind?.ToUpperInvariant()} {string.Join(", ", names)}".TrimEnd();
            findings.Add(new(LintRules.DropCascade, cascade, $"DROP {what} CASCADE"));
        }
    }

    /// <summary>REASSIGN OWNED BY role [, ...] TO other: a later DROP OWNED BY the same role only revokes privileges.</summary>
    public static void RecordReassign(StatementWords w, LintContext context) => Roles(w, 3).ForEach(context.ReassignedRole);

    /// <summary>ALTER TABLE's DROP action in [<paramref name="start"/>, <paramref name="end"/>) with CASCADE.</summary>
    public static void CheckDropAction(StatementWords w, string table, int start, int end, List<LintFinding> findings)
    {
        if (w.IndexAtTopLevel("CASCADE", start + 1, end) is var cascade and > 0)
        {
            findings.Add(new(LintRules.DropCascade, cascade, $"DROP ... CASCADE on {table}"));
        }
    }

    private static List<string> Roles(StatementWords w, int start)
    {
        var roles = new List<string>();
        for (var i = start; w.Identifier(i) is { } role; i += 2)
        {
            roles.Add(role);
            if (!w.IsPunctuation(i + 1, ','))
            {
                break;
            }
        }

        return roles;
    }
}
