using Microsoft.Data.Sqlite;
using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;

namespace MigrationTasks.Sqlite;

/// <summary>
/// The native SQLite library (e_sqlite3) the runner carries beside its executable. A runner copied without it failed at
/// its first SQLite call with "internal error: TypeInitializationException"; this says which file is missing and where.
/// </summary>
internal static class SqliteLibrary
{
    private static volatile bool Loaded;

    /// <exception cref="MigrationRunException">The library cannot be loaded.</exception>
    public static void EnsureLoaded()
    {
        if (Loaded)
        {
            return;
        }

        try
        {
            // Microsoft.Data.Sqlite binds the native library in SqliteConnection's type initializer.
            using var probe = new SqliteConnection();
            Loaded = true;
        }
        catch (Exception e) when (IsMissingLibrary(e))
        {
            var file = OperatingSystem.IsWindows() ? "e_sqlite3.dll" : OperatingSystem.IsMacOS() ? "libe_sqlite3.dylib" : "libe_sqlite3.so";
            throw new MigrationRunException(RunOutcome.DatabaseUnreachable, Diagnostic.Error(DiagnosticCodes.DatabaseRejected,
                $"the SQLite library {file} could not be loaded from {AppContext.BaseDirectory}: the runner's archive carries it beside the migrations executable; copy it there too (PostgreSQL runs need no such file)"));
        }
    }

    private static bool IsMissingLibrary(Exception e) =>
        e is DllNotFoundException || (e.InnerException is { } inner && IsMissingLibrary(inner));
}
