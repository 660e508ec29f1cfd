using MigrationTasks.Diagnostics;
using MigrationTasks.Sql;

namespace MigrationTasks.Lint;

/// <summary>
/// Finds COPY ... FROM STDIN and COPY ... TO STDOUT, which exchange data with the client (psql and
/// pg_dump output use them): the runner sends SQL and nothing else, so such a statement could only
/// fail once deployed. Not a lint rule: no waiver could make it run.
/// </summary>
public static class ClientCopyRule
{
    public static void Check(IReadOnlyList<SqlStatement> statements, string file, List<Diagnostic> diagnostics)
    {
        foreach (var statement in statements)
        {
            if (Describe(new StatementWords(statement)) is { } message)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.CopyWithClient, message, file, statement.Line, statement.Column));
            }
        }
    }

    private static string? Describe(StatementWords w)
    {
        if (!w.Is(0, "COPY"))
        {
            return null;
        }

        // COPY table [(columns)] FROM STDIN ..., COPY {table | (query)} TO STDOUT ...; the query's own FROM is skipped with its parentheses.
        for (var i = w.SkipParentheses(1); w.Exists(i); i = w.SkipParentheses(i + 1))
        {
            if (w.Is(i, "FROM") && w.Is(i + 1, "STDIN"))
            {
                return "COPY ... FROM STDIN reads rows the client sends after it (psql and pg_dump work this way), but the runner sends SQL statements only, so it cannot run here. "
                    + "Load the data with INSERT ... VALUES statements instead (pg_dump --inserts or --column-inserts writes them), with COPY ... FROM '<file on the database server>', or in a separate data-load step after the migrations";
            }

            if (w.Is(i, "TO") && w.Is(i + 1, "STDOUT"))
            {
                return "COPY ... TO STDOUT sends rows to the client, and a migration has nowhere to put them, so it cannot run here; remove it, or write a server-side file with COPY ... TO '<file on the database server>'";
            }
        }

        return null;
    }
}
