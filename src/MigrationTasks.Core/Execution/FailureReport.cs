using System.Text;
using MigrationTasks.Diagnostics;
using MigrationTasks.Files;

namespace MigrationTasks.Execution;

/// <summary>
/// Turns what the database said into something a person can act on: file(line,col) of the failing
/// statement (or the exact character when the server gave a position), SQLSTATE, message, and the
/// source line with a caret under the spot.
/// </summary>
public static class FailureReport
{
    public static (Diagnostic Diagnostic, string? Excerpt) Describe(Migration migration, MigrationScript script, MigrationFailure failure, bool transactional)
    {
        var (line, column) = Locate(script, failure);
        var message = new StringBuilder()
            .Append($"migration {migration.DisplayName} failed: {failure.SqlState}: {failure.Message}");
        if (failure.Detail is { Length: > 0 } detail)
        {
            message.Append($" (detail: {detail})");
        }

        if (failure.Hint is { Length: > 0 } hint)
        {
            message.Append($" (hint: {hint})");
        }

        if (failure.InvalidIndexes.Count > 0)
        {
            message.Append($". It left INVALID index(es) {InvalidIndex.Names(failure.InvalidIndexes)}, which a retry would collide with; drop them first with: {InvalidIndex.DropStatements(failure.InvalidIndexes)}");
        }

        message.Append(Outcome(script, failure, transactional));

        var code = transactional ? DiagnosticCodes.MigrationFailed : DiagnosticCodes.MigrationFailedOutsideTransaction;
        var diagnostic = Diagnostic.Error(code, message.ToString(), script.Path, line, column);
        return (diagnostic, line > 0 ? Excerpt(script.Text, line, column) : null);
    }

    // What is left in the database, said truthfully: a file with its own BEGIN ... COMMIT keeps what it committed.
    private static string Outcome(MigrationScript script, MigrationFailure failure, bool rolledBack)
    {
        if (!script.Directives.OwnsTransactions)
        {
            return rolledBack
                ? ". It was rolled back and not recorded; fix the migration and run again"
                : $". It ran outside a transaction, so the statements before this one stay applied; it is recorded as failed: fix the database, then run {NextStep.Repair}";
        }

        if (rolledBack)
        {
            return ". The file manages its own transactions and had committed nothing: its open transaction was rolled back, nothing of it stays, and it is not recorded; fix the migration and run again";
        }

        var committed = failure.Committed ?? 0;
        var last = script.Statements[Math.Clamp(committed - 1, 0, script.Statements.Count - 1)];
        return $". The file manages its own transactions: its first {committed} statement(s), through line {last.Line}, were committed and stay applied; "
            + (committed < (failure.StatementIndex ?? 0) ? $"the transaction it opened at line {script.Statements[committed].Line} was rolled back. " : "")
            + $"It is recorded as failed: fix the database, then run {NextStep.Repair}, or fix the file and run {NextStep.Resume} to continue from the first statement not committed";
    }

    /// <summary>Where in <paramref name="script"/> the failure happened: the server's position, else its statement's start; (0, 0) when unknown.</summary>
    internal static (int Line, int Column) Locate(MigrationScript script, MigrationFailure failure)
    {
        if (failure.StatementIndex is not { } index || index < 0 || index >= script.Statements.Count)
        {
            return (0, 0);
        }

        var statement = script.Statements[index];
        return failure.PositionInStatement > 0 ? statement.LocateInScript(failure.PositionInStatement) : (statement.Line, statement.Column);
    }

    private static string Excerpt(string text, int line, int column)
    {
        // Lines as the lexer counts them: LF, CRLF and a lone CR each end one.
        var lines = Checksums.MigrationText.Normalize(text).Split('\n');
        if (line > lines.Length)
        {
            return "";
        }

        var source = lines[line - 1];
        var gutter = $"{line} | ";
        var caretPad = new string(' ', gutter.Length) + new string(source.Take(column - 1).Select(c => c == '\t' ? '\t' : ' ').ToArray());
        return $"{gutter}{source}\n{caretPad}^";
    }
}
