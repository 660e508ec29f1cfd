using System.Buffers.Binary;
using System.Text;
using MigrationTasks.Checksums;
using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;
using Npgsql;

namespace MigrationTasks.Postgres.Locking;

/// <summary>
/// The migration lock: a session-level advisory lock held on a session of its own (a run's own
/// non-pooled connection, or a fleet's shared lock session), never on the work connection.
/// Waiters poll <c>pg_try_advisory_lock</c> with jittered backoff rather than blocking in
/// <c>pg_advisory_lock</c>: a blocked waiter holds a snapshot that makes the holder's
/// <c>CREATE INDEX CONCURRENTLY</c> wait for it forever.
/// </summary>
internal sealed class AdvisoryLock : IAsyncDisposable
{
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromSeconds(1);

    private readonly ILockSession _session;
    private readonly long _key;
    private bool _released;

    private AdvisoryLock(ILockSession session, long key)
    {
        _session = session;
        _key = key;
    }

    /// <summary>The default key: stable per database, history schema and table, so separate histories never share a lock.</summary>
    public static long DeriveKey(string database, string schema, string table)
    {
        var hash = Sha256.HashData(Encoding.UTF8.GetBytes($"migrationtasks\0{database}\0{schema}\0{table}"));
        return BinaryPrimitives.ReadInt64BigEndian(hash);
    }

    /// <summary>Takes the lock on <paramref name="session"/>, which is ended when the lock is released.</summary>
    public static async Task<AdvisoryLock> AcquireAsync(
        ILockSession session, long key, TimeSpan timeout, IRunObserver observer, TimeProvider time, CancellationToken cancellationToken)
    {
        Task<string> DescribeHolder() => session.UseAsync(connection => DescribeHolderAsync(connection, key, MigrationLockSubId, cancellationToken), cancellationToken);
        await PollAsync(
            () => session.UseAsync(async connection =>
            {
                var command = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection);
                await using var commandLifetime = command.ConfigureAwait(false);
                command.Parameters.Add(new NpgsqlParameter { Value = key });
                return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            }, cancellationToken),
            timeout, time,
            async () => observer.On(new LockWaitingEvent(await DescribeHolder().ConfigureAwait(false))),
            async _ => Diagnostic.Error(DiagnosticCodes.LockTimeout,
                $"another runner held the migration lock for longer than the lock timeout ({timeout.TotalSeconds:0.#} s); holder: {await DescribeHolder().ConfigureAwait(false)}. Wait for it to finish, or raise the {Configuration.SettingNames.LockTimeout}") with { Setting = Configuration.SettingNames.LockTimeout },
            observer, cancellationToken).ConfigureAwait(false);
        return new AdvisoryLock(session, key);
    }

    /// <summary>
    /// Takes the work lock on the work connection (kept until it closes), once the migration lock is
    /// held. The migration lock lives on its own connection, which the server drops the moment a
    /// killed runner's socket closes, while that runner's work backend can still be running the rest
    /// of a pipelined batch and committing migrations. The work lock is held by that backend until it
    /// ends, so waiting for it means the history read next is final, not racing a dead runner's commits.
    /// It is the same key in the two-int form, a separate lock (objsubid 2 in pg_locks).
    /// </summary>
    public static async Task AcquireWorkLockAsync(
        NpgsqlConnection work, long key, TimeSpan timeout, IRunObserver observer, TimeProvider time, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand("SELECT pg_try_advisory_lock($1, $2)", work);
        await using var commandLifetime = command.ConfigureAwait(false);
        command.Parameters.Add(new NpgsqlParameter { Value = (int)(key >> 32) });
        command.Parameters.Add(new NpgsqlParameter { Value = unchecked((int)key) });
        await PollAsync(async () => (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!, timeout, time,
            () => Task.CompletedTask,
            async elapsed => Diagnostic.Error(DiagnosticCodes.LockTimeout,
                $"a previous runner's database session was still applying migrations after {elapsed.TotalSeconds:0.#} s although that runner had let go of the migration lock (it was probably killed); session: {await DescribeHolderAsync(work, key, WorkLockSubId, cancellationToken).ConfigureAwait(false)}. Wait for it to finish, or end it with pg_terminate_backend"),
            observer: null, cancellationToken).ConfigureAwait(false);
    }

    // pg_locks.objsubid of a bigint advisory key and of a pair of int keys.
    private const int MigrationLockSubId = 1;
    private const int WorkLockSubId = 2;

    private static async Task PollAsync(
        Func<Task<bool>> tryLock, TimeSpan timeout, TimeProvider time, Func<Task> onFirstWait, Func<TimeSpan, Task<Diagnostic>> onTimeout,
        IRunObserver? observer, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        // Jitter spreads twenty replicas that started together over time instead of polling in step.
        var backoff = Backoff.Exponential(FirstPoll, LongestPoll, growth: 1.5, jitter: 0.5);
        var announced = false;
        while (true)
        {
            if (await tryLock().ConfigureAwait(false))
            {
                observer?.On(new LockAcquiredEvent(time.GetElapsedTime(started)));
                return;
            }

            if (time.GetElapsedTime(started) >= timeout)
            {
                throw new MigrationRunException(RunOutcome.LockNotAcquired, await onTimeout(time.GetElapsedTime(started)).ConfigureAwait(false));
            }

            if (!announced)
            {
                announced = true;
                await onFirstWait().ConfigureAwait(false);
            }

            var (delay, remaining) = (backoff.Next(), timeout - time.GetElapsedTime(started));
            await Task.Delay(delay < remaining ? delay : remaining, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<string> DescribeHolderAsync(NpgsqlConnection connection, long key, int subId, CancellationToken cancellationToken)
    {
        // Either form of the key shows in pg_locks split into classid (high half) and objid (low half).
        var command = new NpgsqlCommand(
            """
            SELECT a.pid, coalesce(nullif(a.application_name, ''), '(no application_name)'), a.backend_start, coalesce(a.client_addr::text, 'local')
            FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = $2
              AND l.classid = (($1::bigint >> 32) & 4294967295)::oid AND l.objid = ($1::bigint & 4294967295)::oid
            LIMIT 1
            """,
            connection);
        await using var commandLifetime = command.ConfigureAwait(false);
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        command.Parameters.Add(new NpgsqlParameter { Value = (short)subId });
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerLifetime = reader.ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return "unknown (the lock was released while looking)";
        }

        return $"pid {reader.GetInt32(0)}, application_name '{reader.GetString(1)}', from {reader.GetString(3)}, connected since {reader.GetFieldValue<DateTimeOffset>(2):yyyy-MM-dd HH:mm:ss}Z";
    }

    public async ValueTask DisposeAsync()
    {
        if (_released)
        {
            return;
        }

        _released = true;
        try
        {
            // Explicit unlock; closing the session would release it too, so a failure here is not fatal.
            await _session.UseAsync(async connection =>
            {
                var command = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", connection);
                await using var commandLifetime = command.ConfigureAwait(false);
                command.Parameters.Add(new NpgsqlParameter { Value = _key });
                return await command.ExecuteScalarAsync(CancellationToken.None).ConfigureAwait(false);
            }, CancellationToken.None).ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
        }
        catch (MigrationRunException)
        {
            // A shared session that could not be opened again: the lock went with the session it was on.
        }
        finally
        {
            await _session.EndAsync().ConfigureAwait(false);
        }
    }
}
