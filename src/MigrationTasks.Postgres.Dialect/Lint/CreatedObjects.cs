namespace MigrationTasks.Lint;

/// <summary>
/// Records the schemas, sequences, domains, types and views a CREATE statement makes, so that the
/// rules protecting existing objects stay silent on them later in the migration.
/// </summary>
internal static class CreatedObjects
{
    /// <summary>CREATE [OR REPLACE] [TEMP | TEMPORARY | UNLOGGED | RECURSIVE] kind [IF NOT EXISTS] name.</summary>
    public static void Record(StatementWords w, LintContext context)
    {
        var at = w.Is(1, "OR") && w.Is(2, "REPLACE") ? 3 : 1;
        at = w.Is(at, "TEMP") || w.Is(at, "TEMPORARY") || w.Is(at, "UNLOGGED") || w.Is(at, "RECURSIVE") ? at + 1 : at;
        var view = w.Is(at, "VIEW") || (w.Is(at, "MATERIALIZED") && w.Is(at + 1, "VIEW"));
        var kind = view ? null : Kind(w, at);
        if (!view && kind is null)
        {
            return;
        }

        var nameAt = w.Is(at, "MATERIALIZED") ? at + 2 : at + 1;
        nameAt = w.Is(nameAt, "IF") && w.Is(nameAt + 1, "NOT") && w.Is(nameAt + 2, "EXISTS") ? nameAt + 3 : nameAt;
        nameAt = kind == ObjectKind.Schema && w.Is(nameAt, "AUTHORIZATION") ? nameAt + 1 : nameAt;
        if (w.Name(nameAt, out _) is not { } name)
        {
            return;
        }

        if (kind is { } objectKind)
        {
            context.Created(objectKind, name);
        }
        else
        {
            context.CreatedTable(name);
        }
    }

    private static ObjectKind? Kind(StatementWords w, int at) =>
        w.Is(at, "SCHEMA") ? ObjectKind.Schema
        : w.Is(at, "SEQUENCE") ? ObjectKind.Sequence
        : w.Is(at, "DOMAIN") ? ObjectKind.Domain
        : w.Is(at, "TYPE") ? ObjectKind.Type
        : null;

    /// <summary>The index of FUNCTION or PROCEDURE in CREATE [OR REPLACE] FUNCTION | PROCEDURE, or -1.</summary>
    public static int RoutineKeyword(StatementWords w)
    {
        var at = w.Is(1, "OR") && w.Is(2, "REPLACE") ? 3 : 1;
        return w.Is(at, "FUNCTION") || w.Is(at, "PROCEDURE") ? at : -1;
    }
}
