using MigrationTasks.Checksums;
using MigrationTasks.Diagnostics;
using MigrationTasks.Directives;
using MigrationTasks.Layouts;
using MigrationTasks.Lint;
using MigrationTasks.Sql;

namespace MigrationTasks.Files;

/// <summary>Reads one SQL file into a <see cref="MigrationScript"/>, reporting what is wrong with it.</summary>
public static class ScriptReader
{
    /// <param name="lintSeverities">Lint rule severities from migrations.yaml by rule id (null for off); null for the defaults.</param>
    /// <param name="lint">Whether to run the safety rules now; the runner lints only what is pending, later.</param>
    public static MigrationScript? Read(
        string path, ReadOnlySpan<byte> bytes, List<Diagnostic> diagnostics, IReadOnlyDictionary<string, DiagnosticSeverity?>? lintSeverities = null, bool lint = true)
    {
        string text;
        try
        {
            text = MigrationText.Decode(bytes);
        }
        catch (InvalidMigrationEncodingException e)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidEncoding, e.Message, path, e.Line, e.Column));
            return null;
        }

        return ReadText(path, text, diagnostics, lintSeverities, lint);
    }

    /// <summary>Reads a script already decoded: one part of another tool's file (its up or down section), or a whole file.</summary>
    /// <param name="layout">The layout the text was written in, whose markers it may hold.</param>
    /// <param name="isDown">Whether it is a down script; null to tell by the file name, as our layout does.</param>
    /// <param name="noTransactionBy">A setting outside the text that runs it without a transaction (Flyway's executeInTransaction=false).</param>
    public static MigrationScript? ReadText(
        string path, string text, List<Diagnostic> diagnostics, IReadOnlyDictionary<string, DiagnosticSeverity?>? lintSeverities = null, bool lint = true,
        MigrationLayout layout = MigrationLayout.MigrationTasks, bool? isDown = null, string? noTransactionBy = null)
    {
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            // PostgreSQL's protocol ends a query string at the first NUL; the server would reject it as
            // "invalid message format" after connecting, with no place in the file. Say where it is instead.
            var (line, column) = new LineTracker(text).MoveTo(text.IndexOf('\0', StringComparison.Ordinal));
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.NulCharacter,
                $"the file contains a NUL character (byte 0) at line {line}, column {column}, which PostgreSQL cannot take in SQL text; remove it (a binary copy or a UTF-16 editor setting may have put it there)",
                path, line, column));
            return null;
        }

        var script = SqlSplitter.Split(LayoutText.ForSplitting(layout, text));
        if (script.Error is { } error)
        {
            diagnostics.Add(Diagnostic.Error(error.Code, error.Message, path, error.Line, error.Column));
        }

        var firstStatementOffset = script.Statements.Count > 0 ? script.Statements[0].Offset : text.Length;
        var directives = DirectiveParser.Parse(text, firstStatementOffset, path, diagnostics, LayoutText.ToolDirectiveNames(layout));
        directives = HowItRuns(directives, script.Statements, ToolDirectives.NoTransactionBy(layout, text, firstStatementOffset) ?? noTransactionBy, path, diagnostics);

        List<LintWaiver> statementWaivers = [.. ReadLaterDirectives(text, firstStatementOffset, path, diagnostics), .. ForeignWaivers.Read(text)];
        TransactionRule.Check(script.Statements, path, diagnostics, directives.IsTransactional);
        ClientCopyRule.Check(script.Statements, path, diagnostics);

        if (script.Statements.Count == 0 && script.Error is null)
        {
            diagnostics.Add(Diagnostic.Warning(DiagnosticCodes.EmptyMigration,
                "the migration has no statements; it will be recorded as applied without running anything", path, 1, 1));
        }

        var read = new MigrationScript(path, text, Checksum.Of(text), directives, script.Statements) { StatementWaivers = statementWaivers, Layout = layout };
        if (isDown is { } down)
        {
            read = read with { IsDown = down };
        }

        if (lint)
        {
            Lint(read, lintSeverities, diagnostics);
        }

        return read;
    }

    /// <summary>
    /// A file runs as it means to: in its own transactions when it holds BEGIN/COMMIT, outside one when
    /// its tool says so or when every statement of it cannot run in one (a file of one CREATE INDEX
    /// CONCURRENTLY needs no directive); otherwise in ours, where a statement that cannot is MT1018.
    /// </summary>
    private static MigrationDirectives HowItRuns(
        MigrationDirectives directives, IReadOnlyList<SqlStatement> statements, string? toolNoTransaction, string path, List<Diagnostic> diagnostics)
    {
        if (toolNoTransaction is not null && !directives.NoTransaction)
        {
            directives = directives with { NoTransaction = true, NoTransactionBy = toolNoTransaction };
        }

        if (OwnTransactions.Holds(statements))
        {
            OwnTransactions.Check(statements, path, diagnostics);
            return directives with { OwnsTransactions = true };
        }

        return !directives.NoTransaction && statements.Count > 0 && statements.All(TransactionRule.CannotRunInTransaction)
            ? directives with { NoTransaction = true, NoTransactionBy = "its statements, none of which can run in a transaction" }
            : directives;
    }

    /// <summary>Runs the safety rules over a script read earlier, with its waivers.</summary>
    public static void Lint(MigrationScript script, IReadOnlyDictionary<string, DiagnosticSeverity?>? lintSeverities, List<Diagnostic> diagnostics) =>
        Linter.Check(script.Statements, [.. script.Directives.Waivers, .. script.StatementWaivers], script.Path, script.IsDown,
            lintSeverities, diagnostics, script.Directives.LockTimeout is not null, script.Directives.IsTransactional, script.Directives.OwnsTransactions);

    // After the first statement only '-- migrate:allow' may appear, waiving a rule for the statement it
    // sits on or before (Linter). Any other directive there would be read as a plain comment: say so instead.
    private static List<LintWaiver> ReadLaterDirectives(string text, int firstStatementOffset, string path, List<Diagnostic> diagnostics)
    {
        var waivers = new List<LintWaiver>();
        if (firstStatementOffset >= text.Length || !text.AsSpan(firstStatementOffset).Contains("migrate:", StringComparison.Ordinal))
        {
            return waivers;
        }

        foreach (var token in SqlLexer.Tokenize(text))
        {
            if (token.Kind != SqlTokenKind.LineComment || token.Offset < firstStatementOffset)
            {
                continue;
            }

            var comment = text.AsSpan(token.Offset + 2, token.Length - 2).Trim();
            if (comment.StartsWith("migrate:allow ", StringComparison.Ordinal) || comment.SequenceEqual("migrate:allow"))
            {
                var parts = comment["migrate:allow".Length..].ToString().Split([' ', '\t'], 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (parts.Length == 2)
                {
                    waivers.Add(new LintWaiver(parts[0], parts[1], token.Line));
                }
                else
                {
                    diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidDirectiveArgument,
                        "'allow' needs a rule and a reason, such as: -- migrate:allow drop-column the column was unused since v3", path, token.Line, token.Column));
                }
            }
            else if (comment.StartsWith("migrate:", StringComparison.Ordinal))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.MisplacedDirective,
                    "a '-- migrate:' directive must come before the first statement (only '-- migrate:allow' may sit before a later statement); move it to the top of the file",
                    path, token.Line, token.Column));
            }
        }

        return waivers;
    }
}
