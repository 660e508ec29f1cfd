using MigrationTasks.Diagnostics;
using MigrationTasks.Dialects;
using MigrationTasks.Directives;
using MigrationTasks.Execution;
using MigrationTasks.Files;
using MigrationTasks.Postgres.Dialect;
using MigrationTasks.Sql;

namespace MigrationTasks.Core.Tests.Directives;

/// <summary>
/// PostgreSQL's dialect with another directive vocabulary: everything but <see cref="Directives"/> is
/// PostgreSQL's, so what a test sees change comes from the vocabulary alone.
/// </summary>
internal sealed class VocabularyDialect(DirectiveSet directives) : IMigrationDialect
{
    private static readonly IMigrationDialect Postgres = PostgresDialect.Instance;

    public string Name => "vocabulary-test";

    public DirectiveSet Directives => directives;

    public SqlScript Split(string text) => Postgres.Split(text);

    public IEnumerable<SqlComment> LineComments(string text) => Postgres.LineComments(text);

    public void CheckStatements(IReadOnlyList<SqlStatement> statements, string path, bool transactional, List<Diagnostic> diagnostics) =>
        Postgres.CheckStatements(statements, path, transactional, diagnostics);

    public TransactionShape TransactionShapeOf(IReadOnlyList<SqlStatement> statements, string path, List<Diagnostic> diagnostics) =>
        Postgres.TransactionShapeOf(statements, path, diagnostics);

    public IReadOnlyList<LintWaiver> ForeignWaivers(string text) => Postgres.ForeignWaivers(text);

    public void Lint(MigrationScript script, IReadOnlyDictionary<string, DiagnosticSeverity?>? severities, List<Diagnostic> diagnostics) =>
        Postgres.Lint(script, severities, diagnostics);

    public bool IsRetryable(MigrationFailure failure) => Postgres.IsRetryable(failure);

    public bool IsTransient(string? errorCode) => Postgres.IsTransient(errorCode);
}
