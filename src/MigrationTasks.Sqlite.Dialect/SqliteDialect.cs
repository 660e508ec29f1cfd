using MigrationTasks.Diagnostics;
using MigrationTasks.Dialects;
using MigrationTasks.Directives;
using MigrationTasks.Execution;
using MigrationTasks.Files;
using MigrationTasks.Sqlite.Dialect.Sql;
using MigrationTasks.Sql;

namespace MigrationTasks.Sqlite.Dialect;

/// <summary>
/// SQLite's dialect: its lexer and splitter (bracket and backtick identifiers, trigger bodies, no
/// dollar quotes), the statements it cannot run as written (ALTER TABLE beyond rename/add/drop
/// column, VACUUM in a transaction), and failure classification by SQLite result code. No driver:
/// the MSBuild task loads it.
/// </summary>
public sealed class SqliteDialect : IMigrationDialect
{
    public static readonly SqliteDialect Instance = new();

    private SqliteDialect()
    {
    }

    public string Name => "sqlite";

    public SqlScript Split(string text) => SqliteSplitter.Split(text);

    public DirectiveSet Directives => SqliteDirectives.Set;

    public IEnumerable<SqlComment> LineComments(string text)
    {
        var lines = new LineCounter(text);
        foreach (var token in SqliteLexer.Tokenize(text))
        {
            if (token.Kind == SqliteTokenKind.LineComment)
            {
                var (line, column) = lines.MoveTo(token.Offset);
                yield return new SqlComment(token.Offset, token.Length, line, column);
            }
        }
    }

    public void CheckStatements(IReadOnlyList<SqlStatement> statements, string path, bool transactional, List<Diagnostic> diagnostics) =>
        SqliteStatements.Check(statements, path, transactional, diagnostics);

    public TransactionShape TransactionShapeOf(IReadOnlyList<SqlStatement> statements, string path, List<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(statements);
        // Each statement's words read once for the three questions.
        var words = statements.Select(s => new StatementWords(s)).ToList();
        if (SqliteTransactions.Holds(words))
        {
            SqliteTransactions.Check(statements, words, path, diagnostics);
            return TransactionShape.OwnTransactions;
        }

        return words.Count > 0 && words.All(w => w.StartsWith("VACUUM")) ? TransactionShape.NoTransaction : TransactionShape.Engine;
    }

    // No other linter of SQLite migrations is in wide use whose waivers we would honour.
    public IReadOnlyList<LintWaiver> ForeignWaivers(string text) => [];

    // The PostgreSQL safety rules are about locks and rewrites of a server under load; SQLite's statements that
    // cannot run are file errors (CheckStatements). The PostgreSQL-only directives it ignores are its vocabulary's
    // warnings, which the lint step reports (Directives).
    public void Lint(MigrationScript script, IReadOnlyDictionary<string, DiagnosticSeverity?>? severities, List<Diagnostic> diagnostics)
    {
    }

    public bool IsRetryable(MigrationFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return IsTransient(failure.SqlState);
    }

    /// <summary>SQLITE_BUSY and SQLITE_LOCKED: another connection holds the file for now.</summary>
    public bool IsTransient(string? errorCode) => errorCode is SqliteResultCodes.Busy or SqliteResultCodes.Locked;
}
