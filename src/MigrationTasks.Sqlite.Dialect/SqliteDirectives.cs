using MigrationTasks.Diagnostics;
using MigrationTasks.Files;
using MigrationTasks.Sql;

namespace MigrationTasks.Sqlite.Dialect;

/// <summary>
/// The directives that are PostgreSQL settings and mean nothing on SQLite: <c>-- migrate:lock-timeout</c> and
/// <c>-- migrate:statement-timeout</c>. They are not honoured in some SQLite way: a migration runs inside
/// <c>BEGIN IMMEDIATE</c>, which already holds SQLite's write lock before its first statement (the run's lock
/// timeout is the wait for it), and SQLite has no statement timeout. So each is a warning at build and lint time,
/// at the directive, rather than a setting silently dropped (docs/sqlite.md).
/// </summary>
internal static class SqliteDirectives
{
    private const string Marker = "migrate:";

    private static readonly string[] PostgresOnly = ["lock-timeout", "statement-timeout"];

    public static void WarnIgnored(MigrationScript script, IEnumerable<SqlComment> comments, List<Diagnostic> diagnostics)
    {
        if (script.Directives.LockTimeout is null && script.Directives.StatementTimeout is null)
        {
            return;
        }

        var warned = new HashSet<string>(StringComparer.Ordinal);
        foreach (var comment in comments)
        {
            var text = script.Text.AsSpan(comment.Offset, comment.Length)[2..].TrimStart();
            if (!text.StartsWith(Marker, StringComparison.Ordinal))
            {
                continue;
            }

            // Only the leading directives were read (a later one is the file's error), and those once each.
            var name = text[Marker.Length..].ToString().Split(' ', '\t')[0];
            if (PostgresOnly.Contains(name) && warned.Add(name))
            {
                var column = comment.Column + script.Text.IndexOf(Marker, comment.Offset, comment.Length, StringComparison.Ordinal) - comment.Offset;
                diagnostics.Add(Diagnostic.Warning(DiagnosticCodes.DirectiveIgnoredOnSqlite,
                    $"'-- migrate:{name}' sets a PostgreSQL timeout and is ignored on SQLite: the migration runs in BEGIN IMMEDIATE, which holds SQLite's write lock before its first statement, "
                    + "and SQLite has no statement timeout. Remove the directive; the run's lock timeout (MIGRATION_LOCK_TIMEOUT) is how long a run waits for the write lock",
                    script.Path, comment.Line, column));
            }
        }
    }
}
