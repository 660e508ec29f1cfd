using System.Buffers.Binary;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;
using Npgsql;

namespace MigrationTasks.Postgres.Locking;

/// <summary>
/// The migration lock: a session-level advisory lock held on its own non-pooled connection.
/// Waiters poll <c>pg_try_advisory_lock</c> with jittered backoff rather than blocking in
/// <c>pg_advisory_lock</c>: a blocked waiter holds a snapshot that makes the holder's
/// <c>CREATE INDEX CONCURRENTLY</c> wait for it forever.
/// </summary>
internal sealed class AdvisoryLock : IAsyncDisposable
{
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromSeconds(1);

    private readonly NpgsqlConnection _connection;
    private readonly long _key;
    private bool _released;

    private AdvisoryLock(NpgsqlConnection connection, long key)
    {
        _connection = connection;
        _key = key;
    }

    /// <summary>The default key: stable per database, history schema and table, so separate histories never share a lock.</summary>
    public static long DeriveKey(string database, string schema, string table)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"migrationtasks\0{database}\0{schema}\0{table}"));
        return BinaryPrimitives.ReadInt64BigEndian(hash);
    }

    /// <summary>Takes the lock on <paramref name="connection"/>, which the lock then owns and closes.</summary>
    public static async Task<AdvisoryLock> AcquireAsync(
        NpgsqlConnection connection, long key, TimeSpan timeout, IRunObserver observer, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var delay = FirstPoll;
        var announced = false;
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        while (true)
        {
            if ((bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
            {
                observer.On(new LockAcquiredEvent(clock.Elapsed));
                return new AdvisoryLock(connection, key);
            }

            if (clock.Elapsed >= timeout)
            {
                var holder = await DescribeHolderAsync(connection, key, cancellationToken).ConfigureAwait(false);
                throw new MigrationRunException(ExitCodes.LockNotAcquired, Diagnostic.Error(DiagnosticCodes.LockTimeout,
                    $"another runner held the migration lock for longer than the lock timeout ({timeout.TotalSeconds:0.#} s); holder: {holder}. Wait for it to finish, or raise MIGRATION_LOCK_TIMEOUT"));
            }

            if (!announced)
            {
                announced = true;
                var holder = await DescribeHolderAsync(connection, key, cancellationToken).ConfigureAwait(false);
                observer.On(new LockWaitingEvent(holder));
            }

            // Jitter spreads twenty replicas that started together over time instead of polling in step.
            var remaining = timeout - clock.Elapsed;
            var jittered = TimeSpan.FromMilliseconds(delay.TotalMilliseconds * (0.5 + Random.Shared.NextDouble()));
            await Task.Delay(jittered < remaining ? jittered : remaining, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 1.5, LongestPoll.TotalMilliseconds));
        }
    }

    private static async Task<string> DescribeHolderAsync(NpgsqlConnection connection, long key, CancellationToken cancellationToken)
    {
        // A bigint advisory key shows in pg_locks split into classid (high half) and objid (low half), objsubid 1.
        await using var command = new NpgsqlCommand(
            """
            SELECT a.pid, coalesce(nullif(a.application_name, ''), '(no application_name)'), a.backend_start, coalesce(a.client_addr::text, 'local')
            FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
              AND l.classid = (($1::bigint >> 32) & 4294967295)::oid AND l.objid = ($1::bigint & 4294967295)::oid
            LIMIT 1
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
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
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", _connection);
            command.Parameters.Add(new NpgsqlParameter { Value = _key });
            await command.ExecuteScalarAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
        }
        finally
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
