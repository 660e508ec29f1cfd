using MigrationTasks.Diagnostics;
using MigrationTasks.Sql;

namespace MigrationTasks.Lint;

/// <summary>
/// Finds statements that PostgreSQL refuses inside a transaction block ("cannot run inside a
/// transaction block"), so that a transactional migration holding one fails the build instead of
/// the deployment. Only statements that always fail are reported: ALTER TYPE ... ADD VALUE (fine
/// since PostgreSQL 12), REFRESH MATERIALIZED VIEW CONCURRENTLY and CLUSTER of a named table run
/// in a transaction, and statements that fail only depending on server state (DROP SUBSCRIPTION)
/// are left to the server. Two-phase commit statements are refused in every migration.
/// </summary>
public static class TransactionRule
{
    public static void Check(IReadOnlyList<SqlStatement> statements, string file, List<Diagnostic> diagnostics, bool transactional)
    {
        foreach (var statement in statements)
        {
            var words = new StatementWords(statement);
            if (TwoPhaseCommit(words) is { } twoPhase)
            {
                // Not a lint finding: no waiver or severity may let it run, since the runner cannot record it truthfully.
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.TwoPhaseCommit, twoPhase, file, statement.Line, statement.Column));
            }
            else if (transactional && Describe(words) is { } what)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.NotInTransactionBlock,
                    $"{what} cannot run inside a transaction block, and this migration runs in one; add '-- migrate:no-transaction' at the top of the file (and keep such statements in a migration of their own)",
                    file, statement.Line, statement.Column));
            }
        }
    }

    /// <summary>Whether PostgreSQL always refuses the statement inside a transaction block.</summary>
    public static bool CannotRunInTransaction(SqlStatement statement) => Describe(new StatementWords(statement)) is not null;

    /// <summary>The statement's name as the PostgreSQL error would give it, or null when it may run in a transaction.</summary>
    internal static string? Describe(StatementWords w)
    {
        if (w.Is(0, "CREATE"))
        {
            var index = w.Is(1, "UNIQUE") ? 2 : 1;
            return w.Is(index, "INDEX") && w.Is(index + 1, "CONCURRENTLY") ? "CREATE INDEX CONCURRENTLY"
                : w.Is(1, "DATABASE") ? "CREATE DATABASE"
                : w.Is(1, "TABLESPACE") ? "CREATE TABLESPACE"
                : w.Is(1, "SUBSCRIPTION") && CreatesSlot(w) ? "CREATE SUBSCRIPTION with a replication slot (create_slot defaults to true)"
                : null;
        }

        if (w.Is(0, "DROP"))
        {
            return w.Is(1, "INDEX") && w.Is(2, "CONCURRENTLY") ? "DROP INDEX CONCURRENTLY"
                : w.Is(1, "DATABASE") ? "DROP DATABASE"
                : w.Is(1, "TABLESPACE") ? "DROP TABLESPACE"
                : null;
        }

        if (w.Is(0, "ALTER"))
        {
            return w.Is(1, "SYSTEM") ? "ALTER SYSTEM"
                : w.Is(1, "DATABASE") && w.Is(3, "SET") && w.Is(4, "TABLESPACE") ? "ALTER DATABASE ... SET TABLESPACE"
                : w.Is(1, "TABLE") && DetachesConcurrently(w) ? "ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY"
                : null;
        }

        return w.Is(0, "VACUUM") ? "VACUUM"
            : w.Is(0, "REINDEX") ? DescribeReindex(w)
            : w.Is(0, "CLUSTER") && !w.Exists(SkipVerbose(w, w.SkipParentheses(1))) ? "CLUSTER without a table name"
            : w.Is(0, "DISCARD") && w.Is(1, "ALL") ? "DISCARD ALL"
            : null;
    }

    /// <summary>
    /// PREPARE TRANSACTION ends the runner's transaction without committing it: the migration's changes
    /// stay pending and its locks held, in a prepared transaction that outlives the session, while the
    /// history row written next says applied. COMMIT/ROLLBACK PREPARED finish someone else's prepared
    /// transaction: an operator's decision, not a schema change.
    /// </summary>
    private static string? TwoPhaseCommit(StatementWords w) =>
        w.Is(0, "PREPARE") && w.Is(1, "TRANSACTION")
            ? "PREPARE TRANSACTION is transaction control: it ends the transaction the runner opened without committing it, leaving the migration's changes pending and its locks held in a prepared transaction while the history would say applied; remove it (a migration never takes part in two-phase commit)"
            : (w.Is(0, "COMMIT") || w.Is(0, "ROLLBACK")) && w.Is(1, "PREPARED")
                ? $"{(w.Is(0, "COMMIT") ? "COMMIT PREPARED" : "ROLLBACK PREPARED")} is transaction control: it finishes a prepared transaction that is not the migration's, which is an operator's decision rather than a schema change; remove it and run it by hand (psql) once you have checked pg_prepared_xacts"
                : null;

    // REINDEX [(options)] {INDEX|TABLE|SCHEMA|DATABASE|SYSTEM} [CONCURRENTLY] name; CONCURRENTLY may also be an option (PostgreSQL 14+).
    private static string? DescribeReindex(StatementWords w)
    {
        var kind = w.SkipParentheses(1);
        for (var i = 1; i < kind; i++)
        {
            if (w.Is(i, "CONCURRENTLY") && !w.IsFalse(i + 1))
            {
                return "REINDEX CONCURRENTLY";
            }
        }

        return w.Is(kind + 1, "CONCURRENTLY") ? "REINDEX CONCURRENTLY"
            : w.Is(kind, "SCHEMA") ? "REINDEX SCHEMA"
            : w.Is(kind, "DATABASE") ? "REINDEX DATABASE"
            : w.Is(kind, "SYSTEM") ? "REINDEX SYSTEM"
            : null;
    }

    private static int SkipVerbose(StatementWords w, int index) => w.Is(index, "VERBOSE") ? index + 1 : index;

    private static bool DetachesConcurrently(StatementWords w)
    {
        var detach = w.IndexOf("DETACH", 2);
        return detach > 0 && w.Is(detach + 1, "PARTITION") && w.IndexOf("CONCURRENTLY", detach + 2) > 0;
    }

    // Without a slot (create_slot = false, or connect = false which implies it) the command may run in a transaction.
    private static bool CreatesSlot(StatementWords w)
    {
        foreach (var option in (string[])["create_slot", "connect"])
        {
            var at = w.IndexOf(option, 2);
            if (at > 0 && (w.IsFalse(at + 1) || w.IsFalse(at + 2)))
            {
                return false;
            }
        }

        return true;
    }
}
