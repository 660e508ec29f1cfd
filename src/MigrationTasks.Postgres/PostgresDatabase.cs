using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;
using MigrationTasks.Files;
using MigrationTasks.Planning;
using MigrationTasks.Postgres.Execution;
using MigrationTasks.Postgres.History;
using MigrationTasks.Postgres.Locking;
using MigrationTasks.Schema;
using Npgsql;

namespace MigrationTasks.Postgres;

/// <summary>
/// One run's view of a PostgreSQL database: a work connection for history and migrations, and,
/// once the lock is asked for, a second dedicated session that holds it (a fleet's shared one, or its own).
/// </summary>
internal sealed class PostgresDatabase(
    NpgsqlConnection connection,
    Func<CancellationToken, Task<NpgsqlConnection>> openConnection,
    PostgresSettings settings,
    IRunObserver observer) : IMigrationDatabase
{
    private readonly HistoryStore _history = new(settings.HistorySchema, settings.HistoryTable, RunnerRole(connection), settings.FingerprintScope);
    private readonly AuditLog _audit = new(settings.HistorySchema, settings.HistoryTable, RunnerRole(connection));
    private readonly SessionReset _reset = new(settings.EffectiveLockKey(connection.Database), settings.FleetSessions is null ? null : settings.Connection);
    private readonly TenantPlaceholders _placeholders = new(settings.TenantSchema);
    private bool _historyExists;

    // The lock session's connection, opened ahead by PrepareLock; cancelled and closed on dispose if never taken.
    private (Task<NpgsqlConnection> Opening, CancellationTokenSource Cancel)? _preparedLockConnection;

    public void PrepareLock(CancellationToken cancellationToken)
    {
        // A fleet's tenants lock on the fleet's shared session, which is open already.
        if (settings.FleetLocks is null && _preparedLockConnection is null)
        {
            var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _preparedLockConnection = (openConnection(cancel.Token), cancel);
        }
    }

    private async Task<NpgsqlConnection> LockConnectionAsync(CancellationToken cancellationToken)
    {
        if (_preparedLockConnection is null)
        {
            PrepareLock(cancellationToken);
        }

        var prepared = _preparedLockConnection!.Value;
        _preparedLockConnection = null;
        // Still connecting (usually it is open by now): a connection limit with no room for it would keep it retrying to the deadline.
        if (!prepared.Opening.IsCompleted && await SessionLimits.LeaveNoRoomAsync(connection, cancellationToken).ConfigureAwait(false) is { } noRoom)
        {
            await CloseAsync(prepared).ConfigureAwait(false);
            throw new MigrationRunException(RunOutcome.DatabaseUnreachable, Diagnostic.Error(DiagnosticCodes.DatabaseRejected, noRoom));
        }

        using (prepared.Cancel)
        {
            return await prepared.Opening.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    // Stops a lock session's connect and closes it if it got through.
    private static async Task CloseAsync((Task<NpgsqlConnection> Opening, CancellationTokenSource Cancel) prepared)
    {
        await prepared.Cancel.CancelAsync().ConfigureAwait(false);
        await ((Task)prepared.Opening).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (prepared.Opening.IsCompletedSuccessfully)
        {
            await prepared.Opening.Result.DisposeAsync().ConfigureAwait(false);
        }

        prepared.Cancel.Dispose();
    }

    public async Task<IAsyncDisposable> AcquireLockAsync(CancellationToken cancellationToken)
    {
        var key = settings.EffectiveLockKey(connection.Database);
        var session = (ILockSession?)settings.FleetLocks ?? new OwnLockSession(await LockConnectionAsync(cancellationToken).ConfigureAwait(false));
        AdvisoryLock held;
        try
        {
            held = await AdvisoryLock.AcquireAsync(session, key, settings.LockTimeout, observer, settings.Time, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await session.EndAsync().ConfigureAwait(false);
            throw;
        }

        try
        {
            // A killed runner's work backend may outlive its lock connection: wait for it before reading history.
            await AdvisoryLock.AcquireWorkLockAsync(connection, key, settings.LockTimeout, observer, settings.Time, cancellationToken).ConfigureAwait(false);
            return held;
        }
        catch
        {
            await held.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public Task EnsureHistoryAsync(CancellationToken cancellationToken) => HistoryWorkAsync("creating the history and audit tables", async () =>
    {
        var (schema, history, audit, readOnly, current) = await _history.ExistAsync(connection, _audit.QualifiedName, cancellationToken).ConfigureAwait(false);
        if (readOnly)
        {
            // Said now, before any migration runs, rather than as the first migration's failure.
            throw new PostgresException("cannot write: the session is read-only (transaction_read_only is on)", "ERROR", "ERROR", PostgresErrorCodes.ReadOnlySqlTransaction);
        }

        if (history && !current)
        {
            await HistoryUpgrade.RunAsync(connection, _history.QualifiedName, cancellationToken).ConfigureAwait(false);
        }

        if (history && audit)
        {
            _historyExists = true;
            return;
        }

        await _history.CreateAsync(connection, createSchema: !schema, _audit.CreateCommands(), cancellationToken).ConfigureAwait(false);
        _historyExists = true;
    });

    public async Task<IReadOnlyList<HistoryEntry>> ReadHistoryAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<HistoryEntry> history = [];
        await HistoryWorkAsync("reading the history", async () => history = await TryReadHistoryAsync(cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        return history;
    }

    private async Task<IReadOnlyList<HistoryEntry>> TryReadHistoryAsync(CancellationToken cancellationToken)
    {
        if (_historyExists)
        {
            return await _history.ReadAsync(connection, cancellationToken).ConfigureAwait(false);
        }

        // Read first and treat "no such table" as empty history: one round trip on the usual path
        // (the table exists), where asking first would cost two. Not in a transaction, so the error costs nothing.
        try
        {
            var history = await _history.ReadAsync(connection, cancellationToken).ConfigureAwait(false);
            _historyExists = true;
            return history;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return [];
        }
    }

    public async Task<IReadOnlyList<ApplyResult>> ApplyAsync(IReadOnlyList<Migration> migrations, ApplySettings context, int firstStatement, CancellationToken cancellationToken)
    {
        IReadOnlyList<ApplyResult> results = [];
        await MigrationWorkAsync("applying migrations", async () => results = await MigrationRuns.ApplyAsync(
            new MigrationExecutor(connection, _history, _reset, _placeholders), migrations, context, firstStatement, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        return results;
    }

    public Task RevertAsync(Migration migration, ApplySettings context, CancellationToken cancellationToken) =>
        MigrationWorkAsync("reverting migrations", () => new MigrationExecutor(connection, _history, _reset, _placeholders).RevertAsync(migration, context, cancellationToken));

    /// <summary>
    /// Runs migrations on the work connection, turning its loss (the server shut down or restarted, the
    /// network dropped) into exit 5 rather than an internal error: the server rolls back whatever
    /// transaction was in flight, so the next run starts from the history as it is.
    /// </summary>
    /// <remarks>
    /// A refusal here comes after the run has changed the database: the migrations before the one in flight are
    /// committed, and a no-transaction one keeps the statements it ran. Saying "nothing was changed" would send the
    /// reader to rerun a deploy that is half done.
    /// </remarks>
    private Task MigrationWorkAsync(string doing, Func<Task> work) => RunnerWorkAsync(doing,
        $"a transactional migration in flight was rolled back by the server, a no-transaction one keeps its failed row ({NextStep.Repair}, or {NextStep.Resume})",
        $"the migrations reported done above stay done; the one in flight was rolled back if it ran in a transaction, while one without a transaction keeps "
        + $"the statements it ran and its failed row: fix the database, then run {NextStep.Repair}", work);

    // The runner's own history queries: a lost connection or a refusal (read-only, privilege, timeout) is exit 5 too; each runs in one transaction.
    private Task HistoryWorkAsync(string doing, Func<Task> work) => RunnerWorkAsync(doing, "the change in flight was rolled back by the server", "nothing was changed", work);

    private async Task RunnerWorkAsync(string doing, string inFlight, string left, Func<Task> work)
    {
        try
        {
            await work().ConfigureAwait(false);
        }
        catch (NpgsqlException e) when (ServerRefusals.Describe(e, connection, doing, inFlight, left) is { } refused)
        {
            throw refused;
        }
    }

    public Task RecordAsAppliedAsync(IReadOnlyList<Migration> migrations, ApplySettings context, CancellationToken cancellationToken) =>
        HistoryWorkAsync("recording migrations as applied",
            () => _history.RecordAsAppliedAsync(connection, migrations, context.ToolVersion, context.BundleRootHash, context.RecordSchema, cancellationToken));

    public async Task<SchemaFingerprint> ReadSchemaAsync(CancellationToken cancellationToken)
    {
        SchemaFingerprint? live = null;
        await HistoryWorkAsync("reading the schema", async () => live = await _history.ReadLiveSchemaAsync(connection, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        return live!;
    }

    public Task RecordSchemaAsync(CancellationToken cancellationToken) => HistoryWorkAsync("recording the schema", async () =>
    {
        var batch = new NpgsqlBatch(connection) { BatchCommands = { new NpgsqlBatchCommand("BEGIN") } };
        await using var batchLifetime = batch.ConfigureAwait(false);
        foreach (var command in _history.RecordSchema(null))
        {
            batch.BatchCommands.Add(command);
        }

        batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        await HistoryStore.ExecuteOrRollBackAsync(connection, batch, cancellationToken).ConfigureAwait(false);
    });

    public async Task<RecordedSchema?> ReadRecordedSchemaAsync(CancellationToken cancellationToken)
    {
        RecordedSchema? recorded = null;
        await HistoryWorkAsync("reading the recorded schema", async () =>
        {
            var (_, history, _, _, current) = await _history.ExistAsync(connection, _audit.QualifiedName, cancellationToken).ConfigureAwait(false);
            recorded = history ? await _history.ReadRecordedSchemaAsync(connection, current, cancellationToken).ConfigureAwait(false) : null;
        }).ConfigureAwait(false);
        return recorded;
    }

    public Task RepairAsync(IReadOnlyList<MigrationVersion> clearFailed, IReadOnlyList<Migration> acceptChecksums, CancellationToken cancellationToken) =>
        HistoryWorkAsync("repairing the history", () => _history.RepairAsync(connection, clearFailed, acceptChecksums, cancellationToken));

    public async Task<IReadOnlyList<InvalidIndex>> FindInvalidIndexesAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<InvalidIndex> invalid = [];
        await HistoryWorkAsync("looking for invalid indexes", async () => invalid = await IndexCatalog.FindInvalidAsync(connection, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        return invalid;
    }

    public async Task WriteAuditAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        // A cancelled statement or a lost connection can leave the work connection broken; the audit row must be written all the same.
        if (connection.State == System.Data.ConnectionState.Open)
        {
            await HistoryWorkAsync("writing the audit row", () => _audit.WriteAsync(connection, record, cancellationToken)).ConfigureAwait(false);
            return;
        }

        var fresh = await openConnection(cancellationToken).ConfigureAwait(false);
        await using var freshLifetime = fresh.ConfigureAwait(false);
        await _audit.WriteAsync(fresh, record, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_preparedLockConnection is { } prepared)
        {
            // The run stopped before it asked for the lock (a lint error, say): close what was opened for it.
            _preparedLockConnection = null;
            await CloseAsync(prepared).ConfigureAwait(false);
        }

        if (settings.FleetSessions is { } sessions)
        {
            await sessions.GiveBackAsync(connection).ConfigureAwait(false);
        }
        else
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    // The server reports session_authorization at connect (and again when a SET changes it): read here,
    // before any migration ran, it is the role the runner logged in as, at no round trip.
    internal static string RunnerRole(NpgsqlConnection connection) =>
        connection.PostgresParameters.TryGetValue("session_authorization", out var role) ? role : connection.UserName ?? "";
}
