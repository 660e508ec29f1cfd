using Microsoft.Data.Sqlite;
using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;
using MigrationTasks.Sqlite.Dialect;

namespace MigrationTasks.Sqlite.Execution;

/// <summary>Turns what SQLite said into the engine's provider-neutral failure.</summary>
internal static class SqliteFailures
{
    public static MigrationFailure ToFailure(SqliteException e, int? statementIndex) =>
        new(statementIndex, SqliteResultCodes.NameOf(e.SqliteErrorCode), MessageOf(e));

    /// <summary>The lease check inside a migration's transaction failed: another runner took the lock (exit 4, nothing of the migration kept).</summary>
    public static MigrationRunException LeaseLost(string database) =>
        new(RunOutcome.LockNotAcquired, Diagnostic.Error(DiagnosticCodes.LockTimeout,
            $"the migration lease on {database} was taken by another runner while this one was stalled (its lease had expired); this runner stopped before applying anything more. Run again to see what the other runner applied"));

    /// <summary>What SQLite said, for a sentence: <c>SQLITE_CANTOPEN: unable to open database file</c>.</summary>
    public static string Reason(SqliteException e)
    {
        // Microsoft.Data.Sqlite appends a pointer to its web page inside the quotes of some messages; the code names it already.
        var message = MessageOf(e);
        var pointer = message.IndexOf(" For more information on this error code", StringComparison.Ordinal);
        return $"{SqliteResultCodes.NameOf(e.SqliteErrorCode)}: {(pointer >= 0 ? message[..pointer] : message)}";
    }

    // Microsoft.Data.Sqlite says "SQLite Error 1: 'no such table: t'."; the part in quotes is SQLite's own
    // message, which RawSql passes as it is.
    private static string MessageOf(SqliteException e)
    {
        var message = e.Message;
        const string Driver = "SQLite Error ";
        var open = message.IndexOf('\'', StringComparison.Ordinal);
        var close = message.LastIndexOf('\'');
        return message.StartsWith(Driver, StringComparison.Ordinal) && open >= 0 && close > open ? message[(open + 1)..close] : message;
    }
}
