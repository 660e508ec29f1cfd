using MigrationTasks.Diagnostics;
using MigrationTasks.Sql;

namespace MigrationTasks.Lint;

/// <summary>What a statement does to the session's transaction when a file runs it itself.</summary>
public enum TransactionEffect
{
    None,

    /// <summary><c>BEGIN</c>, <c>START TRANSACTION</c>.</summary>
    Opens,

    /// <summary><c>COMMIT</c>, <c>END</c>, <c>ROLLBACK</c>, <c>ABORT</c> (not <c>ROLLBACK TO</c>, not <c>AND CHAIN</c>).</summary>
    Closes,
}

/// <summary>
/// Files that hold their own transaction control (golang-migrate and psql users write
/// <c>BEGIN; ... COMMIT;</c>): such a file means its transactions as written, so the runner sends it
/// unwrapped, one statement at a time, and knows after each statement what is committed.
/// </summary>
public static class OwnTransactions
{
    public static TransactionEffect Of(SqlStatement statement) => Of(new StatementWords(statement));

    /// <summary>Whether the file opens or ends a transaction itself.</summary>
    public static bool Holds(IReadOnlyList<SqlStatement> statements) => statements.Any(s => Of(s) != TransactionEffect.None);

    /// <summary>
    /// Checks a file that holds its own transactions: a transaction it opens must end in the file (the
    /// runner would otherwise have to guess whether to commit it), and a statement that cannot run in a
    /// transaction block must sit outside its BEGIN ... COMMIT.
    /// </summary>
    public static void Check(IReadOnlyList<SqlStatement> statements, string file, List<Diagnostic> diagnostics)
    {
        SqlStatement? open = null;
        foreach (var statement in statements)
        {
            var words = new StatementWords(statement);
            switch (Of(words))
            {
                case TransactionEffect.Opens:
                    open ??= statement;
                    break;
                case TransactionEffect.Closes:
                    open = null;
                    break;
                default:
                    if (open is not null && TransactionRule.Describe(words) is { } what)
                    {
                        diagnostics.Add(Diagnostic.Error(DiagnosticCodes.NotInTransactionBlock,
                            $"{what} cannot run inside a transaction block, and this one sits inside the file's own transaction opened at line {open.Line}; move it after the COMMIT (or into a migration of its own)",
                            file, statement.Line, statement.Column));
                    }

                    break;
            }
        }

        if (open is not null)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.UnclosedTransaction,
                "the file opens a transaction here and never ends it; add COMMIT; at the end of the file (the runner does not guess whether to commit it)",
                file, open.Line, open.Column));
        }
    }

    private static TransactionEffect Of(StatementWords w)
    {
        if (w.Is(0, "BEGIN") || (w.Is(0, "START") && w.Is(1, "TRANSACTION")))
        {
            return TransactionEffect.Opens;
        }

        // PREPARE TRANSACTION ends the block too (and is refused on its own, MT1022).
        if (w.Is(0, "PREPARE") && w.Is(1, "TRANSACTION"))
        {
            return TransactionEffect.Closes;
        }

        var closing = w.Is(0, "COMMIT") || w.Is(0, "END") || w.Is(0, "ABORT") || w.Is(0, "ROLLBACK");
        if (!closing || w.Is(1, "PREPARED") || (w.Is(0, "ROLLBACK") && (w.Is(1, "TO") || w.Is(2, "TO"))))
        {
            return TransactionEffect.None;
        }

        // COMMIT AND CHAIN opens the next transaction at once: the session stays in a transaction block.
        var chain = w.IndexOf("CHAIN", 1);
        return chain > 0 && !w.Is(chain - 1, "NO") ? TransactionEffect.None : TransactionEffect.Closes;
    }
}
