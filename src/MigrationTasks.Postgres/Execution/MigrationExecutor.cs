using MigrationTasks.Checksums;
using MigrationTasks.Directives;
using MigrationTasks.Execution;
using MigrationTasks.Files;
using MigrationTasks.Lint;
using MigrationTasks.Postgres.History;
using Npgsql;

namespace MigrationTasks.Postgres.Execution;

/// <summary>
/// Runs one migration script, up or down. A transactional script goes to the server as a single
/// batch (BEGIN, timeouts, its statements, the history change, COMMIT): one round trip, all or
/// nothing. A no-transaction script runs one statement per round trip, because statements such as
/// CREATE INDEX CONCURRENTLY refuse to run in the implicit transaction of a multi-statement batch,
/// and records its progress after each statement so a failure can be repaired or resumed.
/// </summary>
internal sealed class MigrationExecutor(NpgsqlConnection connection, HistoryStore history, SessionReset reset, TenantPlaceholders placeholders)
{
    // A FATAL error (the server shutting down: 57P01) closes the connection: there is nothing to roll
    // back or record on it, and PostgresDatabase reports the lost connection instead of a failed migration.
    private bool IsOpen => connection.State == System.Data.ConnectionState.Open;

    public Task ApplyAsync(Migration migration, ApplySettings context, int firstStatement, CancellationToken cancellationToken) =>
        !migration.Up.Directives.IsTransactional
            ? ApplyOutsideTransactionAsync(migration, context, firstStatement, cancellationToken)
            : RunInTransactionAsync(migration.Up, context, [history.RecordAppliedInTransaction(migration, context.ToolVersion, context.BundleRootHash), .. SchemaOf(migration.Version, context)], cancellationToken);

    // The schema after the change, recorded with the history (docs/drift.md); nothing when switched off.
    private NpgsqlBatchCommand[] SchemaOf(MigrationVersion? version, ApplySettings context) =>
        context.RecordSchema ? history.RecordSchema(version) : [];

    public Task RevertAsync(Migration migration, ApplySettings context, CancellationToken cancellationToken)
    {
        var down = migration.Down ?? throw new InvalidOperationException($"{migration.DisplayName} has no down script; the planner should have refused");
        return !down.Directives.IsTransactional
            ? RevertOutsideTransactionAsync(migration, down, context, cancellationToken)
            : RunInTransactionAsync(down, context, [history.DeleteInTransaction(migration.Version), .. SchemaOf(null, context)], cancellationToken);
    }

    private async Task RunInTransactionAsync(MigrationScript script, ApplySettings context, NpgsqlBatchCommand[] record, CancellationToken cancellationToken)
    {
        var batch = new NpgsqlBatch(connection);
        await using var batchLifetime = batch.ConfigureAwait(false);
        var transaction = AddTransaction(batch, script, context, record, reset);
        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (IsOpen)
        {
            await RollBackAsync().ConfigureAwait(false);
            throw new MigrationFailedException(ToFailure(e, transaction.StatementIndexOf(batch, e)), e);
        }
        catch (OperationCanceledException)
        {
            // Npgsql has asked the server to cancel the statement; the transaction is now aborted and must end here.
            await RollBackAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Applies transactional migrations pipelined: every migration's own transaction (BEGIN ... its
    /// history row ... COMMIT) goes in one batch, so the server runs them back to back with one round
    /// trip for all. Each COMMIT takes effect as it runs; after a failure the server skips the rest,
    /// so the migrations before the failing one stay applied, exactly as when sent one by one.
    /// </summary>
    public async Task<IReadOnlyList<TimeSpan>> ApplyPipelinedAsync(IReadOnlyList<Migration> migrations, ApplySettings context, CancellationToken cancellationToken)
    {
        var batch = new NpgsqlBatch(connection);
        await using var batchLifetime = batch.ConfigureAwait(false);
        var transactions = migrations
            // Only the last of the batch records the schema: each migration's would cost a catalog read, and over a
            // thousand new tables that grows with the square of their number; the last one is the state drift compares with.
            .Select((m, i) => AddTransaction(batch, m.Up, context,
                [history.RecordAppliedInTransaction(m, context.ToolVersion, context.BundleRootHash), .. i == migrations.Count - 1 ? SchemaOf(m.Version, context) : []], reset))
            .ToList();
        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (IsOpen)
        {
            await RollBackAsync().ConfigureAwait(false);
            var failed = transactions.FindIndex(t => t.Contains(batch, e));
            var applied = failed < 0 ? 0 : failed;
            var durations = await history.ReadExecutionTimesAsync(connection, migrations.Take(applied).ToList(), CancellationToken.None).ConfigureAwait(false);
            var statementIndex = failed < 0 ? null : transactions[failed].StatementIndexOf(batch, e);
            throw new PartiallyAppliedException(applied, durations, new MigrationFailedException(ToFailure(e, statementIndex), e));
        }
        catch (OperationCanceledException)
        {
            await RollBackAsync().ConfigureAwait(false);
            throw;
        }

        return await history.ReadExecutionTimesAsync(connection, migrations, cancellationToken).ConfigureAwait(false);
    }

    // BEGIN, timeouts, statements, the session reset when the script may have changed the session, the
    // history change, COMMIT; returns where the statements sit in the batch.
    private BatchTransaction AddTransaction(NpgsqlBatch batch, MigrationScript script, ApplySettings context, NpgsqlBatchCommand[] record, SessionReset reset)
    {
        var begin = batch.BatchCommands.Count;
        batch.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN"));
        // SET LOCAL rather than a SELECT set_config(...): a query takes the transaction's snapshot, after
        // which a migration that opens with SET TRANSACTION ISOLATION LEVEL fails; SET does not.
        foreach (var (name, value) in TimeoutSettings(script.Directives, context))
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"SET LOCAL {name} = '{value}'"));
        }

        var firstStatement = batch.BatchCommands.Count;
        foreach (var statement in script.Statements)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(placeholders.Apply(statement.Text)));
        }

        if (SessionState.MayChange(script))
        {
            AddAll(batch, reset.Commands());
        }

        AddAll(batch, record);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        return new BatchTransaction(begin, firstStatement, script.Statements.Count, batch.BatchCommands.Count);
    }

    /// <summary>One migration's commands in a batch: [Begin, End), its statements from FirstStatement.</summary>
    private readonly record struct BatchTransaction(int Begin, int FirstStatement, int StatementCount, int End)
    {
        public bool Contains(NpgsqlBatch batch, PostgresException e) =>
            IndexOf(batch, e) is var index && index >= Begin && index < End;

        public int? StatementIndexOf(NpgsqlBatch batch, PostgresException e) =>
            IndexOf(batch, e) - FirstStatement is var index && index >= 0 && index < StatementCount ? index : null;

        private static int IndexOf(NpgsqlBatch batch, PostgresException e) =>
            e.BatchCommand is { } failed ? batch.BatchCommands.IndexOf(failed) : -1;
    }

    private async Task ApplyOutsideTransactionAsync(Migration migration, ApplySettings context, int firstStatement, CancellationToken cancellationToken)
    {
        if (firstStatement == 0)
        {
            await history.RecordStartedOutsideTransactionAsync(connection, migration, context.ToolVersion, context.BundleRootHash, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await RunStatementsAsync(migration, migration.Up, context, firstStatement, cancellationToken).ConfigureAwait(false);
        }
        catch (MigrationFailedException e) when (migration.Up.Directives.OwnsTransactions && e.Failure.Committed == 0 && IsOpen)
        {
            // A file with its own BEGIN ... COMMIT that committed nothing changed nothing: forget it, as a rolled-back migration is.
            await ResetAndRecordAsync(history.DeleteInTransaction(migration.Version), [], CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        await ResetAndRecordAsync(history.RecordCompletedOutsideTransaction(migration), SchemaOf(migration.Version, context), cancellationToken).ConfigureAwait(false);
    }

    private async Task RevertOutsideTransactionAsync(Migration migration, MigrationScript down, ApplySettings context, CancellationToken cancellationToken)
    {
        await RunStatementsAsync(migration, down, context, 0, cancellationToken).ConfigureAwait(false);
        await ResetAndRecordAsync(history.DeleteInTransaction(migration.Version), SchemaOf(null, context), cancellationToken).ConfigureAwait(false);
    }

    // One statement per round trip; after each, the row says how far it got, so a crash at any point is
    // visible. Inside the file's own BEGIN ... COMMIT the row is left alone (writing it there would make it
    // part of the file's transaction): it keeps pointing at the BEGIN, the first statement not committed.
    private async Task RunStatementsAsync(Migration migration, MigrationScript script, ApplySettings context, int firstStatement, CancellationToken cancellationToken)
    {
        var progressMarker = ReferenceEquals(script, migration.Down) ? StatementPrefix.DownMarker : "";
        string Completed(int count) => progressMarker + StatementPrefix.Checksum(script, count);
        // Session-wide: each statement is its own transaction. The reset after the migration undoes them.
        if (TimeoutSettings(script.Directives, context) is { Count: > 0 } settings)
        {
            var set = new NpgsqlCommand(
                "SELECT " + string.Join(", ", settings.Select(s => $"set_config('{s.Name}', '{s.Value}', false)")), connection);
            await using var setLifetime = set.ConfigureAwait(false);
            await set.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var statements = script.Statements;
        int? openedAt = null;
        for (var i = firstStatement; i < statements.Count; i++)
        {
            if (openedAt is null)
            {
                await history.RecordProgressAsync(connection, migration, i, Completed(i), "started; did not finish", cancellationToken).ConfigureAwait(false);
            }

            var effect = script.Directives.OwnsTransactions ? OwnTransactions.Of(statements[i]) : TransactionEffect.None;
            try
            {
                var command = new NpgsqlCommand(placeholders.Apply(statements[i].Text), connection);
                await using var commandLifetime = command.ConfigureAwait(false);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                openedAt = effect switch { TransactionEffect.Opens => openedAt ?? i, TransactionEffect.Closes => null, _ => openedAt };
            }
            catch (PostgresException e) when (IsOpen)
            {
                var committed = await EndOwnTransactionAsync(openedAt, i).ConfigureAwait(false);
                var failure = ToFailure(e, i) with
                {
                    InvalidIndexes = await IndexCatalog.FindInvalidAsync(connection, CancellationToken.None).ConfigureAwait(false),
                    Committed = committed,
                };
                await history.RecordProgressAsync(connection, migration, committed, Completed(committed), $"{failure.SqlState}: {failure.Message}", CancellationToken.None).ConfigureAwait(false);
                throw new MigrationFailedException(failure, e);
            }
            catch (OperationCanceledException) when (connection.State == System.Data.ConnectionState.Open)
            {
                var committed = await EndOwnTransactionAsync(openedAt, i).ConfigureAwait(false);
                await history.RecordProgressAsync(connection, migration, committed, Completed(committed), "cancelled during this statement", CancellationToken.None).ConfigureAwait(false);
                throw;
            }
        }
    }

    /// <summary>
    /// After statement <paramref name="failed"/> failed: rolls back the file's own transaction when one is
    /// open (the server has aborted it), and returns how many statements from the start stay committed.
    /// </summary>
    private async Task<int> EndOwnTransactionAsync(int? openedAt, int failed)
    {
        if (openedAt is null)
        {
            return failed;
        }

        var rollback = new NpgsqlCommand("ROLLBACK", connection);
        await using var rollbackLifetime = rollback.ConfigureAwait(false);
        await rollback.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        return openedAt.Value;
    }

    // After a no-transaction script: the whole session reset (its timeouts and whatever it SET) and the
    // history change in one round trip, the reset first so that the row is written as the runner.
    // The schema, when recorded, in a transaction of its own: its output settings are transaction-local.
    private async Task ResetAndRecordAsync(NpgsqlBatchCommand record, NpgsqlBatchCommand[] schema, CancellationToken cancellationToken)
    {
        var batch = new NpgsqlBatch(connection);
        await using var batchLifetime = batch.ConfigureAwait(false);
        AddAll(batch, reset.Commands());
        batch.BatchCommands.Add(record);
        if (schema.Length > 0)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN"));
            AddAll(batch, schema);
            batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        }

        await HistoryStore.ExecuteOrRollBackAsync(connection, batch, cancellationToken).ConfigureAwait(false);
    }

    // Names are our constants and values are validated durations: no user text reaches the SQL.
    private static List<(string Name, string Value)> TimeoutSettings(MigrationDirectives directives, ApplySettings context)
    {
        var settings = new List<(string Name, string Value)>(2);
        if ((directives.LockTimeout ?? context.DefaultLockTimeout) is { } lockTimeout)
        {
            settings.Add(("lock_timeout", Milliseconds(lockTimeout)));
        }

        if ((directives.StatementTimeout ?? context.DefaultStatementTimeout) is { } statementTimeout)
        {
            settings.Add(("statement_timeout", Milliseconds(statementTimeout)));
        }

        return settings;
    }

    // lock_timeout and statement_timeout take a number with a unit; whole milliseconds lose nothing a directive can say.
    private static string Milliseconds(TimeSpan duration) =>
        ((long)duration.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture) + "ms";

    // The failure path, so cost does not matter: the whole reset, whatever the script was, since what a
    // transaction does not undo (a prepared statement, a session advisory lock) may have happened before the error.
    private async Task RollBackAsync()
    {
        if (connection.State != System.Data.ConnectionState.Open)
        {
            return;
        }

        var rollback = new NpgsqlBatch(connection) { BatchCommands = { new NpgsqlBatchCommand("ROLLBACK") } };
        await using var rollbackLifetime = rollback.ConfigureAwait(false);
        AddAll(rollback, reset.Commands());
        await rollback.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private static void AddAll(NpgsqlBatch batch, IEnumerable<NpgsqlBatchCommand> commands)
    {
        foreach (var command in commands)
        {
            batch.BatchCommands.Add(command);
        }
    }

    private static MigrationFailure ToFailure(PostgresException e, int? statementIndex) =>
        new(statementIndex, e.SqlState, e.MessageText, RedactedDetail.Of(e), e.Hint, e.Position);
}
