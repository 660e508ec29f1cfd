using Microsoft.Data.Sqlite;
using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;

namespace MigrationTasks.Sqlite.Locking;

/// <summary>
/// The migration lock on SQLite: a lease row in <c>&lt;history table&gt;_lock</c>, taken, checked and released
/// in short write transactions on the run's work connection, and renewed on a connection of its own, opened for the
/// first renewal (a third of the lease into the run): most runs end before it, and a connection's first statement
/// reads the whole schema (for a file of 1,000 tables, 3 % of an `up` of one migration). Holding SQLite's write lock for the whole
/// run would keep the application's writers out between migrations; a lease keeps them out only while
/// a migration's own transaction runs. A killed runner's lease is void at once when its process is
/// gone from this machine, and after <see cref="SqliteSettings.Lease"/> otherwise. Each migration's
/// transaction checks the lease is still ours (<see cref="IsHeld"/>), so even a lease lost to
/// a long stall never lets two runners apply the same migration.
/// </summary>
internal sealed class LeaseLock : IAsyncDisposable
{
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromSeconds(1);

    private readonly SqliteConnection _work;
    private readonly Func<SqliteConnection> _openOwn;
    private SqliteConnection? _own;
    private readonly string _table;
    private readonly LeaseHolder _holder;
    private readonly SqliteSettings _settings;
    private readonly Lock _gate = new();
    private ITimer? _renewal;
    private long _extendedAt;

    private LeaseLock(SqliteConnection work, Func<SqliteConnection> openOwn, string table, LeaseHolder holder, SqliteSettings settings)
    {
        (_work, _openOwn, _table, _holder, _settings) = (work, openOwn, table, holder, settings);
        Extended();
    }

    public static string TableOf(string historyTable) => historyTable + "_lock";

    public string Token => _holder.Token;

    /// <summary>
    /// Whether the lease with <paramref name="token"/> is still held. Asked inside a write transaction
    /// (BEGIN IMMEDIATE), the answer holds until it ends: no other runner can take the lease meanwhile.
    /// </summary>
    internal static bool IsHeld(Execution.PreparedStatements prepared, string historyTable, string token)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        var held = prepared.Text($"SELECT token FROM {SqliteNames.Quote(TableOf(historyTable))} WHERE id = 1");
        return string.Equals(held, token, StringComparison.Ordinal);
    }

    /// <summary>
    /// Takes the lease on the run's work connection <paramref name="work"/> (outside a transaction), which also releases it;
    /// <paramref name="openOwn"/> opens the connection for the renewals, which the lock then owns and closes.
    /// </summary>
    public static async Task<LeaseLock> AcquireAsync(SqliteConnection work, Func<SqliteConnection> openOwn, SqliteSettings settings, IRunObserver observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        // The lease is polled with backoff up to the lock timeout; each try waits for SQLite's write lock a second at most.
        SQLitePCL.raw.sqlite3_busy_timeout(work.Handle, 1000);
        try
        {
            return await PollAsync(work, openOwn, settings, observer, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            SQLitePCL.raw.sqlite3_busy_timeout(work.Handle, settings.BusyTimeoutMilliseconds);
        }
    }

    private static async Task<LeaseLock> PollAsync(SqliteConnection connection, Func<SqliteConnection> openOwn, SqliteSettings settings, IRunObserver observer, CancellationToken cancellationToken)
    {
        var table = SqliteNames.Quote(TableOf(settings.HistoryTable));
        var holder = LeaseHolder.Current();
        var time = settings.Time;
        var started = time.GetTimestamp();
        var backoff = Backoff.Exponential(FirstPoll, LongestPoll, growth: 1.5, jitter: 0.5);
        var announced = false;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var current = TryTake(connection, table, holder, settings);
            if (current is null)
            {
                observer.On(new LockAcquiredEvent(time.GetElapsedTime(started)));
                var taken = new LeaseLock(connection, openOwn, table, holder, settings);
                taken.StartRenewal();
                return taken;
            }

            var waited = time.GetElapsedTime(started);
            if (waited >= settings.LockTimeout)
            {
                throw new MigrationRunException(RunOutcome.LockNotAcquired, Diagnostic.Error(DiagnosticCodes.LockTimeout,
                    // Not "another runner": the holder may be the application, writing in a long transaction.
                    $"the migration lease on {settings.DatabasePath} was not free within the lock timeout ({settings.LockTimeout.TotalSeconds:0.#} s); holder: {current}. Wait for it to finish, or raise the {Configuration.SettingNames.LockTimeout}") with { Setting = Configuration.SettingNames.LockTimeout });
            }

            if (!announced)
            {
                announced = true;
                observer.On(new LockWaitingEvent(current.ToString()));
            }

            var (delay, remaining) = (backoff.Next(), settings.LockTimeout - waited);
            await Task.Delay(delay < remaining ? delay : remaining, time, cancellationToken).ConfigureAwait(false);
        }
    }

    // Takes the lease when free, expired, or held by a dead process of this machine; else says who holds it.
    private static string? TryTake(SqliteConnection connection, string table, LeaseHolder holder, SqliteSettings settings)
    {
        // Plain BEGIN IMMEDIATE, not BeginTransaction: the provider sends its transaction control as SQL throughout.
        using var command = connection.CreateCommand();
        command.CommandTimeout = 1;
        command.CommandText = "BEGIN IMMEDIATE";
        try
        {
            command.ExecuteNonQuery();
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6)
        {
            // Another connection writes now (the lock connection waits a second at most): a runner inside a
            // migration, or the application. Said by the lease row when there is one; polled again.
            return HolderOf(connection, table) ?? "another connection writing to the database";
        }

        try
        {
            return TryTakeInTransaction(command, table, holder, settings)?.ToString();
        }
        catch
        {
            command.Parameters.Clear();
            command.CommandText = "ROLLBACK";
            command.ExecuteNonQuery();
            throw;
        }
    }

    private static LeaseHolder? TryTakeInTransaction(SqliteCommand command, string table, LeaseHolder holder, SqliteSettings settings)
    {
        command.CommandText = CreateSql(table) + "; "
            + $"SELECT host, pid, started_ticks, token, expires_ms FROM {table} WHERE id = 1";
        var now = settings.Time.GetUtcNow().ToUnixTimeMilliseconds();
        using (var reader = command.ExecuteReader())
        {
            if (reader.Read())
            {
                var other = new LeaseHolder(reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2), reader.GetString(3));
                if (reader.GetInt64(4) > now && !other.IsDeadOnThisHost())
                {
                    reader.Close();
                    command.CommandText = "COMMIT";
                    command.ExecuteNonQuery();
                    return other;
                }
            }
        }

        Write(command, table, holder, settings);
        command.CommandText = "COMMIT";
        command.ExecuteNonQuery();
        return null;
    }

    // The lease row read outside any transaction (a reader is not held out by a writer); null when there is none.
    private static string? HolderOf(SqliteConnection connection, string table)
    {
        try
        {
            using var command = connection.CreateCommand();
            command.CommandTimeout = 1;
            command.CommandText = $"SELECT host, pid, started_ticks, token FROM {table} WHERE id = 1";
            using var reader = command.ExecuteReader();
            return reader.Read() ? new LeaseHolder(reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2), reader.GetString(3)).ToString() : null;
        }
        catch (SqliteException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether a third of the lease has passed since it was last extended. Until then the lease cannot
    /// have lapsed, so a migration's transaction checks it without writing (<see cref="IsHeld"/>); once
    /// it is due, the transaction extends it (<see cref="ExtendInTransaction"/>). Writing the lease row in
    /// every migration's transaction cost a page in every commit's journal.
    /// </summary>
    public bool ExtensionDue => _settings.Time.GetElapsedTime(Volatile.Read(ref _extendedAt)) >= _settings.Lease / 3;

    /// <summary>
    /// Extends the lease inside the caller's write transaction and says whether it was still ours. Done
    /// just before a migration's COMMIT when due: a migration longer than the lease keeps SQLite's write
    /// lock, so the timer cannot renew it meanwhile, and the lease must not be found expired the moment
    /// the migration commits.
    /// </summary>
    public bool ExtendInTransaction(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var expires = _settings.Time.GetUtcNow().ToUnixTimeMilliseconds() + (long)_settings.Lease.TotalMilliseconds;
        // The token is 32 hex digits of our own making: safe to write into the text.
        Execution.RawSql.Execute(connection,
            $"UPDATE {_table} SET expires_ms = {expires.ToString(System.Globalization.CultureInfo.InvariantCulture)} WHERE id = 1 AND token = '{Token}'");
        if (SQLitePCL.raw.sqlite3_changes(connection.Handle) != 1)
        {
            return false;
        }

        Extended();
        return true;
    }

    private void Extended() => Volatile.Write(ref _extendedAt, _settings.Time.GetTimestamp());

    private static string CreateSql(string table) =>
        $"CREATE TABLE IF NOT EXISTS {table} (id INTEGER PRIMARY KEY CHECK (id = 1), token TEXT NOT NULL, host TEXT NOT NULL, pid INTEGER NOT NULL, started_ticks INTEGER NOT NULL, expires_ms INTEGER NOT NULL)";

    // The lease row, written over whatever row is there.
    private static void Write(SqliteCommand command, string table, LeaseHolder holder, SqliteSettings settings)
    {
        command.CommandText = $"INSERT OR REPLACE INTO {table} (id, token, host, pid, started_ticks, expires_ms) VALUES (1, $token, $host, $pid, $started, $expires)";
        command.Parameters.AddWithValue("$token", holder.Token);
        command.Parameters.AddWithValue("$host", holder.Host);
        command.Parameters.AddWithValue("$pid", holder.ProcessId);
        command.Parameters.AddWithValue("$started", holder.Started);
        command.Parameters.AddWithValue("$expires", settings.Time.GetUtcNow().ToUnixTimeMilliseconds() + (long)settings.Lease.TotalMilliseconds);
        command.ExecuteNonQuery();
        command.Parameters.Clear();
    }

    /// <summary>
    /// Writes this lease back after a restore: a backup holds the lease row of the moment it was taken
    /// (another run's, or none), and the run that restored it still holds the lock.
    /// </summary>
    public void Reassert()
    {
        lock (_gate)
        {
            using var command = _work.CreateCommand();
            command.CommandText = CreateSql(_table);
            command.ExecuteNonQuery();
            Write(command, _table, _holder, _settings);
            Extended();
        }
    }

    private void StartRenewal()
    {
        var every = _settings.Lease / 3;
        _renewal = _settings.Time.CreateTimer(_ => Renew(), null, every, every);
    }

    // A renewal that meets a migration's write transaction waits for it (busy timeout) or skips this tick;
    // a lease that lapses meanwhile is caught by the check inside the next migration's transaction.
    private void Renew()
    {
        lock (_gate)
        {
            if (_renewal is null)
            {
                return;
            }

            try
            {
                _own ??= OpenOwn();
                using var command = _own.CreateCommand();
                command.CommandText = $"UPDATE {_table} SET expires_ms = $expires WHERE id = 1 AND token = $token";
                command.Parameters.AddWithValue("$expires", _settings.Time.GetUtcNow().ToUnixTimeMilliseconds() + (long)_settings.Lease.TotalMilliseconds);
                command.Parameters.AddWithValue("$token", _holder.Token);
                if (command.ExecuteNonQuery() == 1)
                {
                    Extended();
                }
            }
            catch (Exception e) when (e is SqliteException or MigrationRunException)
            {
                // Busy, or the connection could not be opened: the next tick tries again.
            }
        }
    }

    // A renewal that meets a migration's write transaction waits a second at most, then tries again at the next tick.
    private SqliteConnection OpenOwn()
    {
        var connection = _openOwn();
        connection.DefaultTimeout = 1;
        SQLitePCL.raw.sqlite3_busy_timeout(connection.Handle, 1000);
        return connection;
    }

    private SqliteConnection? TryOpenOwn()
    {
        try
        {
            return OpenOwn();
        }
        catch (Exception e) when (e is SqliteException or MigrationRunException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _renewal?.Dispose();
            _renewal = null;
            // On the work connection, which knows the schema the run just changed (another connection would read all of
            // it again first: after 1,000 new tables, more than the DELETE itself); on a connection of the lease's own
            // when the work connection is closed or inside a transaction.
            if (!ReleaseOn(_work))
            {
                TryRelease(_own ??= TryOpenOwn());
            }
        }

        if (_own is not null)
        {
            await _own.DisposeAsync().ConfigureAwait(false);
        }
    }

    // The work connection waits for the lock timeout: here, as the lock connection would, a second at most.
    private bool ReleaseOn(SqliteConnection work)
    {
        if (work.State != System.Data.ConnectionState.Open)
        {
            return false;
        }

        SQLitePCL.raw.sqlite3_busy_timeout(work.Handle, 1000);
        try
        {
            return TryRelease(work);
        }
        finally
        {
            SQLitePCL.raw.sqlite3_busy_timeout(work.Handle, _settings.BusyTimeoutMilliseconds);
        }
    }

    // Deletes our lease row; on failure the lease expires by itself (or is void at once: this process is about to end).
    private bool TryRelease(SqliteConnection? connection)
    {
        if (connection is not { State: System.Data.ConnectionState.Open } || SQLitePCL.raw.sqlite3_get_autocommit(connection.Handle) == 0)
        {
            return false;
        }

        try
        {
            using var command = connection.CreateCommand();
            command.CommandTimeout = 1;
            command.CommandText = $"DELETE FROM {_table} WHERE id = 1 AND token = $token";
            command.Parameters.AddWithValue("$token", _holder.Token);
            command.ExecuteNonQuery();
            return true;
        }
        catch (SqliteException)
        {
            return false;
        }
    }
}
