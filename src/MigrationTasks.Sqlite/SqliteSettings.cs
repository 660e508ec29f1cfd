using MigrationTasks.Configuration;

namespace MigrationTasks.Sqlite;

/// <summary>Where and how the SQLite provider works: the database file, the history table, the lock and the backups.</summary>
/// <param name="DatabasePath">The database file, absolute.</param>
public sealed record SqliteSettings(string DatabasePath)
{
    /// <summary>The same name as on PostgreSQL, so tools that read the history read both.</summary>
    public const string DefaultHistoryTable = "migrationtasks_history";

    public const int DefaultKeepBackups = 5;

    public string HistoryTable { get; init; } = DefaultHistoryTable;

    /// <summary>How long to wait for another runner's lease, and for SQLite's own write lock.</summary>
    public TimeSpan LockTimeout { get; init; } = MigrationsOptions.DefaultTimeout;

    /// <summary>How long a lease lasts without renewal: a runner killed on another machine holds others out this long at most.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Where backups go; <c>&lt;database file&gt;.backups</c> when null.</summary>
    public string? BackupFolder { get; init; }

    /// <summary>How many automatic backups to keep (named snapshots are never rotated).</summary>
    public int KeepBackups { get; init; } = DefaultKeepBackups;

    /// <summary>Off for CI databases (<c>--no-backup</c>): a failed run then keeps what its migrations committed, as on PostgreSQL.</summary>
    public bool Backup { get; init; } = true;

    /// <summary>What the schema fingerprint leaves out (<c>drift.exclude</c>); SQLite has one schema, so its list does not apply.</summary>
    public MigrationTasks.Schema.SchemaScope Scope { get; init; } = MigrationTasks.Schema.SchemaScope.Everything;

    /// <summary>
    /// <c>Foreign Keys=True|False</c> of a <c>Data Source=…</c> connection: SQLite's foreign key enforcement on the run's
    /// connections (null: the bundled SQLite's default, on). A migration can still turn it off around a table recreation.
    /// </summary>
    public bool? ForeignKeys { get; init; }

    /// <summary><c>Recursive Triggers=True</c> of a <c>Data Source=…</c> connection, kept on the run's connections.</summary>
    public bool RecursiveTriggers { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>SQLite's busy timeout of a work connection: the lock timeout, a second at least.</summary>
    internal int BusyTimeoutMilliseconds => (int)Math.Clamp(LockTimeout.TotalMilliseconds, 1000, int.MaxValue);

    public string EffectiveBackupFolder => BackupFolder ?? DatabasePath + ".backups";
}
