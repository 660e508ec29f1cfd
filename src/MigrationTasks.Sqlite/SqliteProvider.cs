using Microsoft.Data.Sqlite;
using MigrationTasks.Diagnostics;
using MigrationTasks.Dialects;
using MigrationTasks.Execution;
using MigrationTasks.Sqlite.Dialect;

namespace MigrationTasks.Sqlite;

/// <summary>Opens a SQLite database file for a run (creating it when missing, as SQLite does).</summary>
public sealed class SqliteProvider(SqliteSettings settings) : IMigrationDatabaseProvider
{
    public IMigrationDialect Dialect => SqliteDialect.Instance;

    public SqliteSettings Settings => settings;

    public Task<IMigrationDatabase> OpenAsync(IRunObserver observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Task.FromResult<IMigrationDatabase>(new SqliteDatabase(Open, settings, observer));
    }

    /// <summary>A connection of the run: unpooled (the file is closed with the run), waiting up to the lock timeout for SQLite's write lock.</summary>
    public SqliteConnection Open()
    {
        SqliteLibrary.EnsureLoaded();
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = settings.DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            // What the user's Data Source=… string asked of SQLite; before, only its file was kept, so Foreign Keys=False did nothing.
            ForeignKeys = settings.ForeignKeys,
            RecursiveTriggers = settings.RecursiveTriggers,
            // At least a second: Microsoft.Data.Sqlite reads 0 as "wait for ever".
            DefaultTimeout = (int)Math.Clamp(Math.Ceiling(settings.LockTimeout.TotalSeconds), 1, int.MaxValue),
        }.ToString());
        try
        {
            connection.Open();
            // For statements run on the C API (RawSql); Microsoft.Data.Sqlite's commands wait by DefaultTimeout themselves.
            SQLitePCL.raw.sqlite3_busy_timeout(connection.Handle, settings.BusyTimeoutMilliseconds);
            return connection;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw Refused(settings.DatabasePath, e);
        }
    }

    internal static MigrationRunException Refused(string path, SqliteException e) => e.SqliteErrorCode switch
    {
        5 or 6 => new(RunOutcome.LockNotAcquired, Diagnostic.Error(DiagnosticCodes.LockTimeout,
            $"{path} stayed locked by another connection for longer than the lock timeout ({e.Message}); wait for the application's writes to finish, or raise the {Configuration.SettingNames.LockTimeout}") with { Setting = Configuration.SettingNames.LockTimeout }),
        _ => new(RunOutcome.DatabaseUnreachable, Diagnostic.Error(DiagnosticCodes.DatabaseRejected,
            $"SQLite refused {path}: {Execution.SqliteFailures.Reason(e)}. Check that the file is a SQLite database, and that it and its folder exist and are writable")),
    };
}
