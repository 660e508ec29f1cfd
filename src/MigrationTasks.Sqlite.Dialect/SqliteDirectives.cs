using MigrationTasks.Directives;

namespace MigrationTasks.Sqlite.Dialect;

/// <summary>
/// SQLite's directive vocabulary. <c>-- migrate:lock-timeout</c> and <c>-- migrate:statement-timeout</c> are PostgreSQL
/// settings and mean nothing here. They are not honoured in some SQLite way: a migration runs inside
/// <c>BEGIN IMMEDIATE</c>, which already holds SQLite's write lock before its first statement (the run's lock
/// timeout is the wait for it), and SQLite has no statement timeout. So each is accepted (its argument still
/// checked, so a folder moves between engines unchanged) and warned about at build and lint time, at the
/// directive (MT2030), rather than a setting silently dropped (docs/sqlite.md).
/// </summary>
internal static class SqliteDirectives
{
    public static DirectiveSet Set { get; } = new(
        CommonDirectives.NoTransaction,
        CommonDirectives.LockTimeout.Ignored(PostgresTimeout("lock-timeout")),
        CommonDirectives.StatementTimeout.Ignored(PostgresTimeout("statement-timeout")),
        CommonDirectives.AllowOutOfOrder,
        CommonDirectives.Allow);

    private static string PostgresTimeout(string name) =>
        $"'-- migrate:{name}' sets a PostgreSQL timeout and is ignored on SQLite: the migration runs in BEGIN IMMEDIATE, which holds SQLite's write lock before its first statement, "
        + "and SQLite has no statement timeout. Remove the directive; the run's lock timeout (MIGRATION_LOCK_TIMEOUT) is how long a run waits for the write lock";
}
