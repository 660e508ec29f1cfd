using Microsoft.Data.Sqlite;
using MigrationTasks.Execution;
using MigrationTasks.Files;

namespace MigrationTasks.Sqlite.Execution;

/// <summary>
/// One write transaction (<c>BEGIN IMMEDIATE … COMMIT</c>) shared by consecutive transactional migrations of a
/// batch, each inside a savepoint of its own. It leaves the file as one transaction per migration would: a
/// migration that fails is rolled back to its savepoint and the ones before it are committed; the lease is checked
/// inside each savepoint while the write lock is held throughout. What it saves is the commit: in rollback-journal
/// mode each one creates, writes, syncs and deletes the journal and rewrites the changed pages, and for a
/// thousand tiny migrations that was more than half of the sqlite3 shell's time (docs/performance.md).
/// The group commits once it has been open for <see cref="Budget"/>, so the application's writers, who wait for
/// SQLite's write lock meanwhile, wait about as long as for one migration. Each commit announces the migrations it
/// made lasting to <paramref name="progress"/>, when the run has one.
/// </summary>
internal sealed class CommitGroup(SqliteConnection connection, PreparedStatements prepared, TimeProvider time, ApplyProgress? progress)
{
    /// <summary>Long enough that a thousand tiny migrations commit a few dozen times, short enough for a writer's busy timeout.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(50);

    private const string Savepoint = "migrationtasks_migration";

    private readonly List<(Migration Migration, TimeSpan Duration)> _kept = [];
    private bool _open;
    private long _began;

    /// <summary>Migrations kept in the open transaction, not yet committed.</summary>
    public int Uncommitted => _kept.Count;

    /// <summary>Opens the transaction when none is open (so another connection's write waits from here), and the migration's savepoint.</summary>
    public void Enter()
    {
        if (!_open)
        {
            prepared.Execute("BEGIN IMMEDIATE");
            (_open, _began) = (true, time.GetTimestamp());
            _kept.Clear();
        }

        prepared.Execute("SAVEPOINT " + Savepoint);
    }

    /// <summary>Keeps the migration that entered last; commits when the group has been open long enough.</summary>
    public void Keep(Migration migration, TimeSpan duration)
    {
        prepared.Execute("RELEASE " + Savepoint);
        _kept.Add((migration, duration));
        if (time.GetElapsedTime(_began) >= Budget)
        {
            Commit();
        }
    }

    /// <summary>
    /// Undoes the migration that entered last and commits the ones kept before it. Returns how many of those were
    /// lost instead: SQLite ends the whole transaction itself on some errors (<c>INSERT OR ROLLBACK</c>,
    /// <c>RAISE(ROLLBACK)</c>, an interrupt, a full disk), and the caller must apply them again.
    /// </summary>
    public int Undo()
    {
        if (!InTransaction())
        {
            var lost = Uncommitted;
            _open = false;
            _kept.Clear();
            return lost;
        }

        prepared.Execute("ROLLBACK TO " + Savepoint);
        prepared.Execute("RELEASE " + Savepoint);
        Commit();
        return 0;
    }

    public void Commit()
    {
        if (_open)
        {
            prepared.Execute("COMMIT");
            _open = false;
            foreach (var (migration, duration) in _kept)
            {
                progress?.Committed(migration, duration);
            }

            _kept.Clear();
        }
    }

    /// <summary>Rolls back whatever is open: a run that stops on anything but a migration's failure keeps nothing uncommitted.</summary>
    public void Abandon()
    {
        _open = false;
        _kept.Clear();
        if (connection.State == System.Data.ConnectionState.Open && InTransaction())
        {
            RawSql.Execute(connection, "ROLLBACK");
        }
    }

    private bool InTransaction() => SQLitePCL.raw.sqlite3_get_autocommit(connection.Handle) == 0;
}
