using MigrationTasks.Diagnostics;
using MigrationTasks.Dialects;
using MigrationTasks.Directives;
using MigrationTasks.Execution;
using MigrationTasks.Files;
using MigrationTasks.Lint;
using MigrationTasks.Sql;

namespace MigrationTasks.Postgres.Dialect;

/// <summary>
/// PostgreSQL's dialect: its lexer and splitter (dollar quotes, routine bodies), the statements it
/// refuses in a transaction, the lint rules, and failure classification by SQLSTATE (<see cref="SqlStates"/>).
/// No driver: the MSBuild task loads it.
/// </summary>
public sealed class PostgresDialect : IMigrationDialect
{
    public static readonly PostgresDialect Instance = new();

    private PostgresDialect()
    {
    }

    public string Name => "postgresql";

    public SqlScript Split(string text) => SqlSplitter.Split(text);

    /// <summary>Every common directive, each honoured: the timeouts are PostgreSQL's <c>lock_timeout</c> and <c>statement_timeout</c>.</summary>
    public DirectiveSet Directives { get; } = new(
        CommonDirectives.NoTransaction,
        CommonDirectives.LockTimeout,
        CommonDirectives.StatementTimeout,
        CommonDirectives.AllowOutOfOrder,
        CommonDirectives.Allow);

    public IEnumerable<SqlComment> LineComments(string text) =>
        SqlLexer.Tokenize(text).Where(t => t.Kind == SqlTokenKind.LineComment).Select(t => new SqlComment(t.Offset, t.Length, t.Line, t.Column));

    public void CheckStatements(IReadOnlyList<SqlStatement> statements, string path, bool transactional, List<Diagnostic> diagnostics)
    {
        TransactionRule.Check(statements, path, diagnostics, transactional);
        ClientCopyRule.Check(statements, path, diagnostics);
    }

    public TransactionShape TransactionShapeOf(IReadOnlyList<SqlStatement> statements, string path, List<Diagnostic> diagnostics)
    {
        if (OwnTransactions.Holds(statements))
        {
            OwnTransactions.Check(statements, path, diagnostics);
            return TransactionShape.OwnTransactions;
        }

        return statements.Count > 0 && statements.All(TransactionRule.CannotRunInTransaction) ? TransactionShape.NoTransaction : TransactionShape.Engine;
    }

    IReadOnlyList<LintWaiver> IMigrationDialect.ForeignWaivers(string text) => MigrationTasks.Lint.ForeignWaivers.Read(text);

    public IReadOnlyList<LintRuleText> RuleTexts => PostgresRuleTexts.All;

    public void Lint(MigrationScript script, IReadOnlyDictionary<string, DiagnosticSeverity?>? severities, List<Diagnostic> diagnostics) =>
        Lint(script, null, 0, severities, diagnostics);

    public ILintHistory? ReadLintHistory(IReadOnlyList<MigrationScript> upScripts) => new LazySchemaHistory(SchemaHistory.ReadWhenAsked(upScripts));

    public void Lint(MigrationScript script, ILintHistory? history, int position, IReadOnlyDictionary<string, DiagnosticSeverity?>? severities, List<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(script);
        Linter.Check(script.Statements, [.. script.Directives.Waivers, .. script.StatementWaivers], script.Path, script.IsDown,
            severities, diagnostics, script.Directives.LockTimeout is not null, script.Directives.IsTransactional, script.Directives.OwnsTransactions,
            history, position);
    }

    public bool IsRetryable(MigrationFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return SqlStates.RetryableMigrationFailures.Contains(failure.SqlState);
    }

    public bool IsTransient(string? errorCode) => errorCode is not null && SqlStates.TransientConnectionFailures.Contains(errorCode);
}
