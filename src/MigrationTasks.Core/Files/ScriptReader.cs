using MigrationTasks.Checksums;
using MigrationTasks.Diagnostics;
using MigrationTasks.Directives;
using MigrationTasks.Layouts;
using MigrationTasks.Dialects;
using MigrationTasks.Sql;

namespace MigrationTasks.Files;

/// <summary>Reads one SQL file into a <see cref="MigrationScript"/>, reporting what is wrong with it.</summary>
public static class ScriptReader
{
    /// <remarks>It checks the file, never the safety rules: those are their own step (<see cref="LintPass"/>).</remarks>
    public static MigrationScript? Read(IMigrationDialect dialect, string path, ReadOnlySpan<byte> bytes, List<Diagnostic> diagnostics) =>
        Decode(path, bytes, diagnostics) is { } text ? ReadText(dialect, path, text, diagnostics) : null;

    /// <summary>
    /// Reads a file of our layout as far as its checksum, leaving its splitting and checks (and their problems) to
    /// its first use or to <see cref="MigrationSet.WithChecks"/>: the runner needs no more of an applied file.
    /// </summary>
    public static MigrationScript? ReadDeferred(IMigrationDialect dialect, string path, ReadOnlySpan<byte> bytes, List<Diagnostic> diagnostics)
    {
        if (Decode(path, bytes, diagnostics) is not { } text || !HasNoNul(path, text, diagnostics))
        {
            return null;
        }

        return MigrationScript.Deferred(path, text, Checksum.Of(text), () =>
        {
            var problems = new List<Diagnostic>();
            return Parse(dialect, path, text, problems, MigrationLayout.MigrationTasks, isDown: null, noTransactionBy: null) with { Problems = problems };
        });
    }

    private static string? Decode(string path, ReadOnlySpan<byte> bytes, List<Diagnostic> diagnostics)
    {
        try
        {
            return MigrationText.Decode(bytes);
        }
        catch (InvalidMigrationEncodingException e)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidEncoding, e.Message, path, e.Line, e.Column));
            return null;
        }
    }

    /// <summary>Reads a script already decoded: one part of another tool's file (its up or down section), or a whole file.</summary>
    /// <param name="layout">The layout the text was written in, whose markers it may hold.</param>
    /// <param name="isDown">Whether it is a down script; null to tell by the file name, as our layout does.</param>
    /// <param name="noTransactionBy">A setting outside the text that runs it without a transaction (Flyway's executeInTransaction=false).</param>
    public static MigrationScript? ReadText(
        IMigrationDialect dialect, string path, string text, List<Diagnostic> diagnostics, MigrationLayout layout = MigrationLayout.MigrationTasks,
        bool? isDown = null, string? noTransactionBy = null)
    {
        if (!HasNoNul(path, text, diagnostics))
        {
            return null;
        }

        var parsed = Parse(dialect, path, text, diagnostics, layout, isDown, noTransactionBy);
        var read = new MigrationScript(path, text, Checksum.Of(text), parsed.Directives, parsed.Statements) { StatementWaivers = parsed.StatementWaivers, Layout = layout };
        if (isDown is { } told)
        {
            read = read with { IsDown = told };
        }

        return read;
    }

    private static bool HasNoNul(string path, string text, List<Diagnostic> diagnostics)
    {
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            // SQL text ends at the first NUL for the engines we run (PostgreSQL's protocol rejects it as "invalid
            // message format" after connecting, SQLite stops reading there), with no place in the file. Say where it is instead.
            var (line, column) = new LineTracker(text).MoveTo(text.IndexOf('\0', StringComparison.Ordinal));
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.NulCharacter,
                $"the file contains a NUL character (byte 0) at line {line}, column {column}, which the database cannot take in SQL text; remove it (a binary copy or a UTF-16 editor setting may have put it there)",
                path, line, column));
            return false;
        }

        return true;
    }

    // Splits the text and checks it: its problems go to diagnostics, the rest is returned.
    private static ParsedScript Parse(
        IMigrationDialect dialect, string path, string text, List<Diagnostic> diagnostics, MigrationLayout layout, bool? isDown, string? noTransactionBy)
    {
        var script = dialect.Split(LayoutText.ForSplitting(dialect, layout, text));
        if (script.Error is { } error)
        {
            diagnostics.Add(Diagnostic.Error(error.Code, error.Message, path, error.Line, error.Column));
        }

        var firstStatementOffset = script.Statements.Count > 0 ? script.Statements[0].Offset : text.Length;
        var directives = DirectiveParser.Parse(dialect.Directives, text, firstStatementOffset, path, diagnostics, LayoutText.ToolDirectiveNames(layout));
        directives = HowItRuns(dialect, directives, script.Statements, ToolDirectives.NoTransactionBy(layout, text, firstStatementOffset) ?? noTransactionBy, path, diagnostics);

        List<LintWaiver> statementWaivers = [.. ReadLaterDirectives(dialect, text, firstStatementOffset, path, diagnostics), .. dialect.ForeignWaivers(text)];
        dialect.CheckStatements(script.Statements, path, directives.IsTransactional, diagnostics);

        var down = isDown ?? System.IO.Path.GetFileName(path).EndsWith(".down.sql", StringComparison.Ordinal);
        if (script.Statements.Count == 0 && script.Error is null)
        {
            // A down file is never "recorded as applied": reverting it runs nothing and removes the up migration's row.
            diagnostics.Add(Diagnostic.Warning(DiagnosticCodes.EmptyMigration, down
                ? "the down migration has no statements; reverting will run nothing and only remove the migration from the history. Write the statements that undo the up migration, or delete the down file if it cannot be reverted"
                : "the migration has no statements; it will be recorded as applied without running anything", path, 1, 1));
        }

        return new ParsedScript(directives, script.Statements, statementWaivers, []);
    }

    /// <summary>
    /// A file runs as it means to: in its own transactions when it holds BEGIN/COMMIT, outside one when
    /// its tool says so or when every statement of it cannot run in one (a file of one CREATE INDEX
    /// CONCURRENTLY needs no directive); otherwise in ours, where a statement that cannot is MT1018.
    /// </summary>
    private static MigrationDirectives HowItRuns(IMigrationDialect dialect,
        MigrationDirectives directives, IReadOnlyList<SqlStatement> statements, string? toolNoTransaction, string path, List<Diagnostic> diagnostics)
    {
        if (toolNoTransaction is not null && !directives.NoTransaction)
        {
            directives = directives with { NoTransaction = true, NoTransactionBy = toolNoTransaction };
        }

        return dialect.TransactionShapeOf(statements, path, diagnostics) switch
        {
            TransactionShape.OwnTransactions => directives with { OwnsTransactions = true },
            TransactionShape.NoTransaction when !directives.NoTransaction =>
                directives with { NoTransaction = true, NoTransactionBy = "its statements, none of which can run in a transaction" },
            _ => directives,
        };
    }

    private const string Waiver = "allow";

    // After the first statement only '-- migrate:allow' may appear, waiving a rule for the statement it
    // sits on or before (Linter). Any other directive there would be read as a plain comment: say so instead.
    private static List<LintWaiver> ReadLaterDirectives(IMigrationDialect dialect, string text, int firstStatementOffset, string path, List<Diagnostic> diagnostics)
    {
        var waivers = new List<LintWaiver>();
        if (firstStatementOffset >= text.Length || !text.AsSpan(firstStatementOffset).Contains("migrate:", StringComparison.Ordinal))
        {
            return waivers;
        }

        foreach (var token in dialect.LineComments(text))
        {
            if (token.Offset < firstStatementOffset)
            {
                continue;
            }

            var comment = text.AsSpan(token.Offset + 2, token.Length - 2).Trim();
            if (!comment.StartsWith("migrate:", StringComparison.Ordinal))
            {
                continue;
            }

            var body = comment["migrate:".Length..].ToString();
            var space = body.IndexOfAny([' ', '\t']);
            var (name, argument) = space < 0 ? (body, "") : (body[..space], body[(space + 1)..].Trim());
            // The dialect's own waiver directive reads it, as at the top of the file.
            if (name == Waiver && dialect.Directives.Find(Waiver) is { } allow)
            {
                var read = allow.Read(MigrationDirectives.None, argument, token.Line, out var problem);
                if (problem is null)
                {
                    waivers.AddRange(read.Waivers);
                }
                else
                {
                    diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidDirectiveArgument, problem, path, token.Line, token.Column));
                }
            }
            else
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.MisplacedDirective,
                    "a '-- migrate:' directive must come before the first statement (only '-- migrate:allow' may sit before a later statement); move it to the top of the file",
                    path, token.Line, token.Column));
            }
        }

        return waivers;
    }
}
