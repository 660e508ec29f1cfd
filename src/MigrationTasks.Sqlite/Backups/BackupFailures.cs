using Microsoft.Data.Sqlite;
using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;
using MigrationTasks.Sqlite.Execution;

namespace MigrationTasks.Sqlite.Backups;

/// <summary>
/// What goes wrong with a backup taken or restored by hand (a folder that cannot be written, a file that is not a
/// SQLite database) as an error with its code and next step (MT3051), not an internal error: the exceptions
/// SQLite and the file system raise say neither which file nor what to do.
/// </summary>
internal static class BackupFailures
{
    public static bool IsExpected(Exception e) => e is IOException or UnauthorizedAccessException or SqliteException;

    public static MigrationRunException Failed(string what, Exception e, string nextStep) =>
        new(RunOutcome.InvalidSetting, Diagnostic.Error(DiagnosticCodes.BackupFailed, $"{what}: {ReasonOf(e)}; {nextStep}"));

    private static string ReasonOf(Exception e) => e is SqliteException sqlite ? SqliteFailures.Reason(sqlite) : e.Message.TrimEnd('.');
}
