namespace MigrationTasks.Lint;

/// <summary>
/// CREATE FUNCTION / PROCEDURE ... SECURITY DEFINER without SET search_path, and statements that
/// cancel or terminate other sessions. Both read only the statement's tokens, so a body (a
/// dollar-quoted or quoted string) never counts.
/// </summary>
internal static class SecurityRules
{
    private static readonly string[] SessionKillers = ["pg_terminate_backend", "pg_cancel_backend"];

    /// <summary>CREATE [OR REPLACE] FUNCTION | PROCEDURE at <paramref name="kind"/>.</summary>
    public static void CheckRoutine(StatementWords w, int kind, List<LintFinding> findings)
    {
        var name = w.Name(kind + 1, out var next);
        var definer = -1;
        var pinned = false;
        for (var i = w.SkipParentheses(next); w.Exists(i); i++)
        {
            definer = definer < 0 && w.Is(i, "SECURITY") && w.Is(i + 1, "DEFINER") ? i : definer;
            pinned = pinned || (w.Is(i, "SET") && w.Is(i + 1, "search_path"));
        }

        if (definer > 0 && !pinned)
        {
            findings.Add(new(LintRules.SecurityDefinerSearchPath, definer, $"SECURITY DEFINER {w.Identifier(kind)!.ToLowerInvariant()} {name} without SET search_path"));
        }
    }

    /// <summary>SELECT / WITH statements calling pg_terminate_backend or pg_cancel_backend.</summary>
    public static void CheckSessionKill(StatementWords w, List<LintFinding> findings)
    {
        for (var i = 1; w.Exists(i); i++)
        {
            if (w.IsPunctuation(i + 1, '(') && SessionKillers.FirstOrDefault(f => w.Is(i, f)) is { } function)
            {
                findings.Add(new(LintRules.TerminateBackend, i, $"{function}()"));
                return;
            }
        }
    }
}
