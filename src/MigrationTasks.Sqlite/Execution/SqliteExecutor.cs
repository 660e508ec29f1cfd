using System.Diagnostics;
using Microsoft.Data.Sqlite;
using MigrationTasks.Checksums;
using MigrationTasks.Execution;
using MigrationTasks.Files;
using MigrationTasks.Planning;
using MigrationTasks.Sqlite.History;
using MigrationTasks.Sqlite.Locking;

namespace MigrationTasks.Sqlite.Execution;

/// <summary>
/// Runs one migration's statements on the work connection. A transactional one runs in a savepoint of a
/// <c>BEGIN IMMEDIATE … COMMIT</c> it may share with the next ones (<see cref="CommitGroup"/>), with its history
/// row and a check that the lease is still ours (extending it when a third of it has passed,
/// <see cref="LeaseLock.ExtensionDue"/>); one
/// outside a transaction (VACUUM, or a file with its own BEGIN … COMMIT) runs statement by statement
/// with a 'failed at statement n' row kept up to date, as on PostgreSQL, so <c>up --resume</c> works the same.
/// Transaction control is sent as SQL, so a file's own BEGIN … COMMIT and ours use the same connection state.
/// </summary>
/// <param name="schema">Records the schema on the row that ends a run (<see cref="ApplySettings.RecordSchema"/>), inside its transaction.</param>
/// <param name="progress">Told of each migration once committed (<see cref="CommitGroup"/>); null when the runner speaks for the run.</param>
internal sealed class SqliteExecutor(SqliteConnection connection, PreparedStatements prepared, SqliteHistory history, LeaseLock? lease, SqliteSettings settings,
    SqliteSchemaRecord schema, ApplyProgress? progress = null)
{
    private readonly CommitGroup _group = new(connection, prepared, settings.Time, progress);

    /// <summary>
    /// Applies one migration. A transactional one joins the open <see cref="CommitGroup"/> in a savepoint of its own;
    /// the caller commits the group (<see cref="Commit"/>) when its batch ends.
    /// </summary>
    public TimeSpan Apply(Migration migration, ApplySettings context, int firstStatement)
    {
        var clock = Stopwatch.StartNew();
        LostWithLastFailure = 0;
        if (!migration.Up.Directives.IsTransactional)
        {
            _group.Commit();
            ApplyOutsideTransaction(migration, context, firstStatement, clock);
            return clock.Elapsed;
        }

        _group.Enter();
        try
        {
            RunScript(migration.Up);
            history.Record(prepared, migration, HistoryStatus.Applied, transactional: true, clock.Elapsed,
                context.ToolVersion, context.BundleRootHash, replace: migration.Repeatable);
            RecordSchema(migration.Version, context);
            // Checked in every migration's savepoint: one that hands the lease away (or finds it gone) is undone alone,
            // and those before it, checked while this connection held the write lock throughout, are committed.
            ConfirmLease();
        }
        catch (Exception e) when (e is MigrationFailedException or MigrationRunException)
        {
            LostWithLastFailure = _group.Undo();
            throw;
        }

        var took = clock.Elapsed;
        _group.Keep(migration, took);
        return took;
    }

    /// <summary>How many migrations kept before the one that failed last were rolled back with it (<see cref="CommitGroup.Undo"/>).</summary>
    public int LostWithLastFailure { get; private set; }

    /// <summary>Commits the migrations kept so far.</summary>
    public void Commit() => _group.Commit();

    /// <summary>Rolls back what is not committed, when a run stops on anything but a migration's failure.</summary>
    public void Abandon() => _group.Abandon();

    public void Revert(Migration migration, ApplySettings context)
    {
        var down = migration.Down ?? throw new InvalidOperationException($"{migration.DisplayName} has no down script; the planner should have refused");
        if (down.Directives.IsTransactional)
        {
            InTransaction(down, () =>
            {
                history.Delete(connection, migration.Version);
                RecordSchema(null, context);
            });
            return;
        }

        CheckLease();
        RunStatements(migration, down, 0, Stopwatch.StartNew(), progress: false);
        history.Delete(connection, migration.Version);
        RecordSchema(null, context);
    }

    // The schema after the change, on the row that now stands for it (null: the applied row recorded last).
    private void RecordSchema(MigrationVersion? version, ApplySettings context)
    {
        if (context.RecordSchema)
        {
            schema.Record(connection, version);
        }
    }

    /// <summary>Runs <paramref name="work"/> in one write transaction that checks the lease first.</summary>
    public void InTransaction(Action work) => InTransaction(null, work);

    private void InTransaction(MigrationScript? script, Action record)
    {
        Execute("BEGIN IMMEDIATE");
        try
        {
            // Inside BEGIN IMMEDIATE nobody else can take the lease, so the check before COMMIT covers the whole
            // transaction; a lease that lapsed before it started is caught there too (and everything rolled back).
            if (script is not null)
            {
                RunScript(script);
            }

            record();
            ConfirmLease();
            Execute("COMMIT");
        }
        catch
        {
            RollBackIfOpen();
            throw;
        }
    }

    // A script's statements inside the transaction the caller opened; a failing one names its statement.
    private void RunScript(MigrationScript script)
    {
        for (var i = 0; i < script.Statements.Count; i++)
        {
            try
            {
                Execute(script.Statements[i].Text);
            }
            catch (SqliteException e)
            {
                throw new MigrationFailedException(SqliteFailures.ToFailure(e, i), e);
            }
        }
    }

    // Extends the lease when due (a write in the open transaction), else reads that it is still ours.
    private void ConfirmLease()
    {
        if (lease is not { ExtensionDue: true } || !lease.ExtendInTransaction(connection))
        {
            CheckLease();
        }
    }

    private void ApplyOutsideTransaction(Migration migration, ApplySettings context, int firstStatement, Stopwatch clock)
    {
        CheckLease();
        if (firstStatement == 0)
        {
            history.Record(prepared, migration, HistoryStatus.Failed, transactional: false, TimeSpan.Zero, context.ToolVersion, context.BundleRootHash,
                replace: true, failedStatement: 0, error: "started; did not finish");
        }

        try
        {
            RunStatements(migration, migration.Up, firstStatement, clock, progress: true);
        }
        catch (MigrationFailedException e) when (migration.Up.Directives.OwnsTransactions && e.Failure.Committed == 0)
        {
            // Nothing of a file with its own transactions stayed: it is as if it never ran.
            history.Delete(connection, migration.Version);
            throw;
        }

        history.RecordCompleted(connection, migration, clock.Elapsed);
        RecordSchema(migration.Version, context);
    }

    private void RunStatements(Migration migration, MigrationScript script, int firstStatement, Stopwatch clock, bool progress)
    {
        string Completed(int count) => StatementPrefix.Checksum(script, count);
        int? openedAt = null;
        for (var i = firstStatement; i < script.Statements.Count; i++)
        {
            if (progress && openedAt is null)
            {
                history.RecordProgress(connection, migration.Version, i, Completed(i), "started; did not finish", clock.Elapsed);
            }

            try
            {
                Execute(script.Statements[i].Text);
                // A file's own BEGIN leaves the connection out of autocommit until its COMMIT.
                openedAt = InTransactionNow() ? openedAt ?? i : null;
            }
            catch (SqliteException e)
            {
                var committed = openedAt ?? i;
                var failure = SqliteFailures.ToFailure(e, i) with { Committed = committed };
                RollBackIfOpen();
                if (progress)
                {
                    history.RecordProgress(connection, migration.Version, committed, Completed(committed), $"{failure.SqlState}: {failure.Message}", clock.Elapsed);
                }

                throw new MigrationFailedException(failure, e);
            }
        }
    }

    private void CheckLease()
    {
        if (lease is null || !LeaseLock.IsHeld(prepared, history.Table, lease.Token))
        {
            throw SqliteFailures.LeaseLost(settings.DatabasePath);
        }
    }

    private bool InTransactionNow() => SQLitePCL.raw.sqlite3_get_autocommit(connection.Handle) == 0;

    private void RollBackIfOpen()
    {
        if (connection.State == System.Data.ConnectionState.Open && InTransactionNow())
        {
            Execute("ROLLBACK");
        }
    }

    private void Execute(string sql) => RawSql.Execute(connection, sql);
}
