using MigrationTasks.Diagnostics;
using MigrationTasks.Directives;
using MigrationTasks.Sql;

namespace MigrationTasks.Lint;

/// <summary>
/// Runs the rule catalogue over a migration's statements and reports what fires, at the
/// statement's file, line and column, unless the file waives the rule with
/// <c>-- migrate:allow &lt;rule&gt; &lt;reason&gt;</c>. A waiver that matches nothing is a warning,
/// so stale waivers do not silently cover a later change.
/// </summary>
public static class Linter
{
    /// <param name="statements">The migration's statements, in order.</param>
    /// <param name="waivers">The file's <c>-- migrate:allow</c> directives.</param>
    /// <param name="file">The path reported with each finding.</param>
    /// <param name="isDown">Whether this is a down script, which may destroy what its up script created.</param>
    /// <param name="severities">Per-rule severity overrides by rule id; null turns a rule off.</param>
    /// <param name="diagnostics">Where findings are added.</param>
    /// <param name="hasLockTimeout">Whether the file sets <c>-- migrate:lock-timeout</c>.</param>
    /// <param name="transactional">Whether the migration runs in one transaction, holding every lock it takes to the end.</param>
    /// <param name="ownsTransactions">Whether the file holds its own BEGIN/COMMIT, which then mean what they say.</param>
    /// <param name="history">What the folder's migrations established (<see cref="SchemaHistory"/>), of which the rules see those before <paramref name="position"/>.</param>
    /// <param name="position">This script's migration's index in the folder.</param>
    public static void Check(
        IReadOnlyList<SqlStatement> statements,
        IReadOnlyList<LintWaiver> waivers,
        string file,
        bool isDown,
        IReadOnlyDictionary<string, DiagnosticSeverity?>? severities,
        List<Diagnostic> diagnostics,
        bool hasLockTimeout = false,
        bool transactional = false,
        bool ownsTransactions = false,
        ILintHistory? history = null,
        int position = 0)
    {
        var context = new LintContext
        {
            Transactional = transactional,
            OwnsTransactions = ownsTransactions,
            Earlier = history is LazySchemaHistory schema ? (schema.History, position) : null,
        };
        var used = new HashSet<LintWaiver>();
        var findings = new List<LintFinding>();
        var covers = Targets(statements, waivers);
        for (var index = 0; index < statements.Count; index++)
        {
            var statement = statements[index];
            var applicable = covers.Where(c => c.Statement is FileWide || c.Statement == index).Select(c => c.Waiver).ToList();
            findings.Clear();
            var words = new StatementWords(statement);
            // A file that holds its own BEGIN ... COMMIT is in a transaction between them, even with -- migrate:no-transaction.
            var effect = ownsTransactions ? OwnTransactions.Of(statement) : TransactionEffect.None;
            if (effect == TransactionEffect.Closes)
            {
                context.Committed();
            }

            context.Transactional = transactional || effect == TransactionEffect.Opens || (context.Transactional && effect != TransactionEffect.Closes);
            StatementRules.Check(words, context, findings);
            hasLockTimeout = hasLockTimeout || SetsLockTimeout(words);
            // Any lock that blocks writes: while the statement waits for it, every writer queues behind it.
            if (!hasLockTimeout && StatementLocks.Describe(words, context) is { } taken && LockTableRule.BlocksWrites(taken.Mode) && !context.IsNewTable(taken.Table))
            {
                findings.Add(new(LintRules.MissingLockTimeout, 0, $"{taken.Mode} on {taken.Table}"));
            }

            foreach (var finding in findings)
            {
                var rule = finding.Rule;
                if (isDown && !AppliesToDown(rule))
                {
                    continue;
                }

                if (applicable.Any(w => Waives(w, rule)))
                {
                    used.UnionWith(applicable.Where(w => Waives(w, rule)));
                    continue;
                }

                var severity = severities is not null && severities.TryGetValue(rule.Id, out var configured) ? configured : rule.DefaultSeverity;
                if (severity is { } reported)
                {
                    var (line, column) = Locate(statement, words.TokenAt(finding.Token));
                    diagnostics.Add(new Diagnostic(rule.Code, reported, Message(rule, finding.Subject), file, line, column));
                }
            }
        }

        // Another linter's waiver may name a check we do not have, or one this statement does not break
        // under our rules: the comment was written for that linter, so it is not ours to call stale.
        foreach (var waiver in waivers.Where(w => !used.Contains(w) && w.ForeignDirective is null))
        {
            diagnostics.Add(LintRules.Find(waiver.Rule) is null
                ? Diagnostic.Warning(DiagnosticCodes.UnknownLintRule,
                    $"'-- migrate:allow {waiver.Rule}' names no lint rule; known rules are: {string.Join(", ", LintRules.All.Select(r => r.Id))}",
                    file, waiver.Line, 1)
                : Diagnostic.Warning(DiagnosticCodes.UnusedLintWaiver,
                    $"'-- migrate:allow {waiver.Rule}' waives nothing: no statement it covers breaks that rule; remove the waiver",
                    file, waiver.Line, 1));
        }
    }

    private const int FileWide = -1;

    private static bool Waives(LintWaiver waiver, LintRule rule) => waiver.Rule == rule.Id || waiver.Rule == LintWaiver.AnyRule;

    // SET [SESSION | LOCAL] lock_timeout ...: later statements of the migration wait no longer than that.
    private static bool SetsLockTimeout(StatementWords w) =>
        w.Is(0, "SET") && (w.Is(1, "lock_timeout") || ((w.Is(1, "LOCAL") || w.Is(1, "SESSION")) && w.Is(2, "lock_timeout")));

    // A waiver above the first statement covers the file; a later one, the statement it sits on or
    // just before (the first one ending on or after its line), or nothing when no statement follows it.
    private static List<(LintWaiver Waiver, int Statement)> Targets(IReadOnlyList<SqlStatement> statements, IReadOnlyList<LintWaiver> waivers)
    {
        var firstLine = statements.Count > 0 ? statements[0].Line : int.MaxValue;
        var endLines = statements.Select(s => s.Line + SqlPosition.Locate(s.Text, s.Text.Length).Line - 1).ToList();
        return waivers.Select(w => (w, w.Scope == WaiverScope.File || (w.Scope == WaiverScope.ByPlace && w.Line < firstLine) ? FileWide
            : endLines.FindIndex(end => end >= w.Line) is var i and >= 0 ? i : int.MinValue)).ToList();
    }

    // A down script undoes its up script: dropping what the up created is its job, not an accident,
    // and it runs by hand in an emergency, when waiting for the lock is the point.
    private static bool AppliesToDown(LintRule rule) =>
        rule.Category != LintCategory.Destructive && rule != LintRules.DropIndex && rule != LintRules.MissingLockTimeout;

    internal static string Message(LintRule rule, string subject)
    {
        var text = PostgresRuleTexts.Of(rule);
        return $"{subject} {text.Problem}. Instead, {text.Remedy}. [{rule.Id}; if it is intended, add '-- migrate:allow {rule.Id} <reason>' at the top of the file]";
    }

    // Token positions are relative to the statement text; the statement knows where it starts in the file.
    private static (int Line, int Column) Locate(SqlStatement statement, SqlToken token) =>
        token.Line <= 1 ? (statement.Line, statement.Column + Math.Max(token.Column, 1) - 1) : (statement.Line + token.Line - 1, token.Column);
}
