namespace MigrationTasks.Lint;

/// <summary>
/// Names moved under running code: ALTER SCHEMA ... RENAME TO, and ALTER &lt;object&gt; ... SET SCHEMA.
/// <c>SET SCHEMA 'name'</c> with a string is the search_path setting (ALTER FUNCTION, ROLE,
/// DATABASE), not a move.
/// </summary>
internal static class NameMoveRules
{
    // ALTER statements whose SET takes a setting, never a schema to move to.
    private static readonly string[] SettingsOnly = ["ROLE", "USER", "DATABASE", "SYSTEM", "GROUP", "DEFAULT"];

    /// <summary>An ALTER statement other than ALTER TABLE; whether it moved a name (reported or exempt).</summary>
    public static bool CheckStatement(StatementWords w, LintContext context, List<LintFinding> findings)
    {
        if (w.Is(1, "SCHEMA"))
        {
            var schema = w.Identifier(2);
            if (w.Is(3, "RENAME") && !context.IsNew(ObjectKind.Schema, schema))
            {
                findings.Add(new(LintRules.RenameSchema, 3, $"RENAME of schema {schema}"));
            }

            return w.Is(3, "RENAME");
        }

        if (SettingsOnly.Any(k => w.Is(1, k)) || w.IndexAtTopLevel("SCHEMA", 2) is not (> 0 and var at) || !w.Is(at - 1, "SET") || w.IsIdentifier(at + 1) is false)
        {
            return false;
        }

        var kindEnd = KindEnd(w);
        var nameAt = w.Is(kindEnd, "IF") && w.Is(kindEnd + 1, "EXISTS") ? kindEnd + 2 : kindEnd;
        var name = w.Name(nameAt, out _);
        var kind = string.Join(' ', Enumerable.Range(1, kindEnd - 1).Select(i => w.Identifier(i)!.ToUpperInvariant()));
        if (!IsNew(context, kind, name))
        {
            findings.Add(new(LintRules.SetSchema, at - 1, $"SET SCHEMA {w.Identifier(at + 1)} of {kind.ToLowerInvariant()} {name}"));
        }

        return true;
    }

    /// <summary>ALTER TABLE's SET SCHEMA action at <paramref name="start"/>, on an existing table.</summary>
    public static bool CheckAction(StatementWords w, string table, int start, List<LintFinding> findings)
    {
        if (!w.Is(start, "SET") || !w.Is(start + 1, "SCHEMA"))
        {
            return false;
        }

        findings.Add(new(LintRules.SetSchema, start, $"SET SCHEMA {w.Identifier(start + 2)} of table {table}"));
        return true;
    }

    // The index just past the object kind: ALTER MATERIALIZED VIEW / FOREIGN TABLE / TEXT SEARCH ... take two or three words.
    private static int KindEnd(StatementWords w) =>
        w.Is(1, "MATERIALIZED") || w.Is(1, "FOREIGN") || w.Is(1, "EVENT") ? 3
        : w.Is(1, "TEXT") && w.Is(2, "SEARCH") ? 4
        : w.Is(1, "OPERATOR") && (w.Is(2, "CLASS") || w.Is(2, "FAMILY")) ? 3
        : 2;

    private static bool IsNew(LintContext context, string kind, string? name) => kind switch
    {
        "VIEW" or "MATERIALIZED VIEW" or "FOREIGN TABLE" => context.IsNewTable(name),
        "SEQUENCE" => context.IsNew(ObjectKind.Sequence, name),
        "TYPE" => context.IsNew(ObjectKind.Type, name),
        "DOMAIN" => context.IsNew(ObjectKind.Domain, name),
        _ => false,
    };
}
