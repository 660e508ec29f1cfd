using Npgsql;

namespace MigrationTasks.Postgres.Execution;

/// <summary>
/// Puts the work session back to its state at connect after a migration that may have changed it
/// (<see cref="MigrationTasks.Execution.SessionState"/>), so that every migration starts from the same
/// session whether one run applies it alone or after others. DISCARD ALL would do most of it, but it
/// refuses to run in a pipeline and would release the work lock; these commands ride in the round trip
/// the migration already costs.
/// </summary>
/// <param name="workLockKey">The work lock this session holds (AdvisoryLock.AcquireWorkLockAsync), taken again after releasing the migration's advisory locks.</param>
/// <param name="keptSession">A fleet tenant's connection settings when its session is one the fleet keeps (<see cref="Fleets.FleetSessions"/>): RESET ALL returns such a session to the fleet's search_path, so the tenant's is set again.</param>
internal sealed class SessionReset(long workLockKey, NpgsqlConnectionStringBuilder? keptSession = null)
{
    /// <summary>
    /// Run inside the migration's transaction, before its history row: so that the row is written as the
    /// runner (a migration that ran SET ROLE to a role without rights on the history table still gets
    /// recorded), and because what LISTEN, UNLISTEN and DISCARD TEMP do takes effect at a commit: after
    /// the COMMIT, the commands would join the next migration's transaction in the pipeline. Outside a
    /// transaction (after a no-transaction migration, or a rollback) they commit together at the end of the batch.
    /// </summary>
    public IEnumerable<NpgsqlBatchCommand> Commands() => keptSession is null ? Resets() : [.. Resets(), Fleets.FleetSessions.SetTenant(keptSession)];

    private IEnumerable<NpgsqlBatchCommand> Resets() =>
    [
        // Also resets SET ROLE; the DEFAULT form is allowed to every user.
        new("SET SESSION AUTHORIZATION DEFAULT"),
        new("RESET ALL"),
        new("DISCARD TEMP"),
        new("DISCARD SEQUENCES"),
        new("UNLISTEN *"),
        // Safe for Npgsql: the provider turns automatic preparation off, so no statement of ours is prepared.
        new("DEALLOCATE ALL"),
        new("CLOSE ALL"),
        new("SELECT pg_advisory_unlock_all(), pg_advisory_lock($1, $2)")
        {
            // Nobody can take the work lock in between: another runner waits for it only while holding the migration lock, which this run holds.
            Parameters = { new NpgsqlParameter { Value = (int)(workLockKey >> 32) }, new NpgsqlParameter { Value = unchecked((int)workLockKey) } },
        },
    ];
}
