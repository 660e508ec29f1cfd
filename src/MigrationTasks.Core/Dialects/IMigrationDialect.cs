using MigrationTasks.Lint;
using MigrationTasks.Diagnostics;
using MigrationTasks.Directives;
using MigrationTasks.Execution;
using MigrationTasks.Files;
using MigrationTasks.Sql;

namespace MigrationTasks.Dialects;

/// <summary>
/// What the engine must know about a database engine's SQL and errors, without its driver: how a
/// script splits into statements, which statements the engine refuses to run as written, the lint
/// rules, and which failures are worth another try. The PostgreSQL one lives in
/// MigrationTasks.Postgres.Dialect, which references no driver, so the MSBuild task can load it.
/// A provider names its dialect (<see cref="IMigrationDatabaseProvider.Dialect"/>).
/// </summary>
public enum TransactionShape
{
    /// <summary>Runs in the engine's transaction (unless a directive says otherwise).</summary>
    Engine,

    /// <summary>Holds its own transaction control (BEGIN ... COMMIT): runs unwrapped, as written.</summary>
    OwnTransactions,

    /// <summary>Every statement refuses a transaction (CREATE INDEX CONCURRENTLY, VACUUM): runs outside one.</summary>
    NoTransaction,
}

public interface IMigrationDialect
{
    /// <summary>The engine's name, as users write it (<c>postgresql</c>).</summary>
    string Name { get; }

    /// <summary>Splits a script into statements with their positions; an unterminated token is the script's error.</summary>
    SqlScript Split(string text);

    /// <summary>
    /// The <c>-- migrate:</c> directives this engine knows, what their arguments mean, and which it accepts but ignores
    /// (the reader checks them and the lint step warns at each); the reader reads a file's directives through it.
    /// </summary>
    DirectiveSet Directives { get; }

    /// <summary>The line comments of a script, in order (later waivers and tool markers are read from them; the leading directives are read by line, through <see cref="Directives"/>).</summary>
    IEnumerable<SqlComment> LineComments(string text);

    /// <summary>
    /// Reports statements that cannot run as the migration is written (a statement that refuses a
    /// transaction in a transactional migration, a client-side command): file errors, not lint findings.
    /// </summary>
    void CheckStatements(IReadOnlyList<SqlStatement> statements, string path, bool transactional, List<Diagnostic> diagnostics);

    /// <summary>
    /// How a script's statements mean to run: in the engine's transaction, in transactions the script
    /// opens and ends itself (problems with those, such as one never ended, are added), or outside any
    /// because none of its statements can run in one.
    /// </summary>
    TransactionShape TransactionShapeOf(IReadOnlyList<SqlStatement> statements, string path, List<Diagnostic> diagnostics);

    /// <summary>Waivers written for other linters of this engine's SQL (their comments), as ours.</summary>
    IReadOnlyList<LintWaiver> ForeignWaivers(string text);

    /// <summary>
    /// The rules this dialect checks, in its own words (what each costs on this engine and the safe way
    /// there), so a front end can describe them; none when the dialect has no lint rules.
    /// </summary>
    IReadOnlyList<LintRuleText> RuleTexts => [];

    /// <summary>Runs the safety rules over a script read earlier, with its waivers, adding what fires.</summary>
    /// <param name="severities">Lint rule severities by rule id (null for off); null for the defaults.</param>
    void Lint(MigrationScript script, IReadOnlyDictionary<string, DiagnosticSeverity?>? severities, List<Diagnostic> diagnostics);

    /// <summary>
    /// What the up scripts establish, read once in their order, so a rule can use what an earlier migration did
    /// (a NOT VALID check validated in a later file, a column's type before it is widened); null when the dialect keeps nothing.
    /// </summary>
    ILintHistory? ReadLintHistory(IReadOnlyList<MigrationScript> upScripts) => null;

    /// <summary>Lints a script knowing what the up scripts before <paramref name="position"/> (its index among them) established.</summary>
    void Lint(MigrationScript script, ILintHistory? history, int position, IReadOnlyDictionary<string, DiagnosticSeverity?>? severities, List<Diagnostic> diagnostics) =>
        Lint(script, severities, diagnostics);

    /// <summary>
    /// Whether a failed transactional migration may be re-run: the database rolled it back entirely
    /// and a second try may well pass (a lock timeout, a deadlock, a serialization failure).
    /// </summary>
    bool IsRetryable(MigrationFailure failure);

    /// <summary>Whether an error code while connecting or taking the lock means "not now" (starting, overloaded) rather than "never".</summary>
    bool IsTransient(string? errorCode);
}
