using MigrationTasks.Diagnostics;
using MigrationTasks.Sqlite.Dialect.Sql;
using MigrationTasks.Sql;

namespace MigrationTasks.Sqlite.Dialect;

/// <summary>
/// Files that hold their own transaction control (BEGIN … COMMIT, as the table-recreation recipe
/// needs around PRAGMA foreign_keys): they run unwrapped, as written.
/// </summary>
internal static class SqliteTransactions
{
    public static bool Opens(StatementWords w) => w.StartsWith("BEGIN");

    // COMMIT, END and ROLLBACK end it; ROLLBACK TO (a savepoint) does not.
    public static bool Closes(StatementWords w) =>
        w.StartsWith("COMMIT") || w.StartsWith("END") || (w.StartsWith("ROLLBACK") && w.IndexOf(1, "TO") < 0);

    public static bool Holds(IReadOnlyList<StatementWords> words) => words.Any(w => Opens(w) || Closes(w));

    /// <summary>A transaction the file opens must end in the file: the runner does not guess whether to commit it.</summary>
    public static void Check(IReadOnlyList<SqlStatement> statements, IReadOnlyList<StatementWords> allWords, string path, List<Diagnostic> diagnostics)
    {
        SqlStatement? open = null;
        for (var i = 0; i < statements.Count; i++)
        {
            var (statement, words) = (statements[i], allWords[i]);
            if (Opens(words))
            {
                open ??= statement;
            }
            else if (Closes(words))
            {
                open = null;
            }
            else if (open is not null && words.StartsWith("VACUUM"))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.NotInTransactionBlock,
                    $"VACUUM cannot run inside a transaction, and this one sits inside the file's own transaction opened at line {open.Line}; move it after the COMMIT",
                    path, statement.Line, statement.Column));
            }
            else if (open is not null && SqliteStatements.IsForeignKeysPragma(words))
            {
                // The recipe's most common slip: the PRAGMA written after BEGIN, where SQLite silently ignores it.
                diagnostics.Add(Diagnostic.Warning(DiagnosticCodes.SqlitePragmaInTransaction,
                    $"PRAGMA foreign_keys has no effect inside a transaction, and this one sits inside the file's own transaction opened at line {open.Line}; move it before the BEGIN (or, to turn them back on, after the COMMIT)",
                    path, statement.Line, statement.Column));
            }
        }

        if (open is not null)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.UnclosedTransaction,
                "the file opens a transaction here and never ends it; add COMMIT; at the end of the file (the runner does not guess whether to commit it)",
                path, open.Line, open.Column));
        }
    }
}
