using MigrationTasks.Directives;
using MigrationTasks.Execution;
using MigrationTasks.Files;
using MigrationTasks.Postgres.History;
using Npgsql;

namespace MigrationTasks.Postgres.Execution;

/// <summary>
/// Runs one migration. A transactional migration goes to the server as a single batch (BEGIN,
/// timeouts, its statements, the history row, COMMIT): one round trip, all or nothing. A
/// no-transaction migration runs one statement per round trip, because statements such as
/// CREATE INDEX CONCURRENTLY refuse to run in the implicit transaction of a multi-statement batch.
/// </summary>
internal sealed class MigrationExecutor(NpgsqlConnection connection, HistoryStore history)
{
    public async Task ApplyAsync(Migration migration, ApplyContext context, CancellationToken cancellationToken)
    {
        if (migration.Up.Directives.NoTransaction)
        {
            await ApplyOutsideTransactionAsync(migration, context, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await ApplyInTransactionAsync(migration, context, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ApplyInTransactionAsync(Migration migration, ApplyContext context, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN"));
        if (TimeoutSettings(migration.Up.Directives, context, isLocal: true) is { } settings)
        {
            batch.BatchCommands.Add(settings);
        }

        var firstStatement = batch.BatchCommands.Count;
        foreach (var statement in migration.Up.Statements)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(statement.Text));
        }

        batch.BatchCommands.Add(history.RecordAppliedInTransaction(migration, context.ToolVersion, context.BundleRootHash));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e)
        {
            await RollBackAsync().ConfigureAwait(false);
            var index = e.BatchCommand is { } failed ? batch.BatchCommands.IndexOf(failed) - firstStatement : -1;
            var statementIndex = index >= 0 && index < migration.Up.Statements.Count ? index : (int?)null;
            throw new MigrationFailedException(ToFailure(e, statementIndex), e);
        }
    }

    private async Task ApplyOutsideTransactionAsync(Migration migration, ApplyContext context, CancellationToken cancellationToken)
    {
        await history.RecordStartedOutsideTransactionAsync(connection, migration, context.ToolVersion, context.BundleRootHash, cancellationToken).ConfigureAwait(false);
        if (TimeoutSettings(migration.Up.Directives, context, isLocal: false) is { } settings)
        {
            await using var set = new NpgsqlBatch(connection) { BatchCommands = { settings } };
            await set.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var statements = migration.Up.Statements;
        for (var i = 0; i < statements.Count; i++)
        {
            try
            {
                await using var command = new NpgsqlCommand(statements[i].Text, connection);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException e)
            {
                var failure = ToFailure(e, i);
                await history.RecordProgressAsync(connection, migration, i, $"{failure.SqlState}: {failure.Message}", CancellationToken.None).ConfigureAwait(false);
                throw new MigrationFailedException(failure, e);
            }

            if (i + 1 < statements.Count)
            {
                await history.RecordProgressAsync(connection, migration, i + 1, "started; did not finish", cancellationToken).ConfigureAwait(false);
            }
        }

        await history.RecordCompletedOutsideTransactionAsync(connection, migration, cancellationToken).ConfigureAwait(false);
        await using var reset = new NpgsqlBatch(connection)
        {
            BatchCommands = { new NpgsqlBatchCommand("RESET lock_timeout"), new NpgsqlBatchCommand("RESET statement_timeout") },
        };
        await reset.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static NpgsqlBatchCommand? TimeoutSettings(MigrationDirectives directives, ApplyContext context, bool isLocal)
    {
        var settings = new List<(string Name, TimeSpan Value)>(2);
        if ((directives.LockTimeout ?? context.DefaultLockTimeout) is { } lockTimeout)
        {
            settings.Add(("lock_timeout", lockTimeout));
        }

        if ((directives.StatementTimeout ?? context.DefaultStatementTimeout) is { } statementTimeout)
        {
            settings.Add(("statement_timeout", statementTimeout));
        }

        if (settings.Count == 0)
        {
            return null;
        }

        // Names are our constants and values are validated durations: no user text reaches the SQL.
        var scope = isLocal ? "true" : "false";
        return new NpgsqlBatchCommand(
            "SELECT " + string.Join(", ", settings.Select(s => $"set_config('{s.Name}', '{DurationText.ToPostgres(s.Value)}', {scope})")));
    }

    private async Task RollBackAsync()
    {
        if (connection.State != System.Data.ConnectionState.Open)
        {
            return;
        }

        await using var rollback = new NpgsqlCommand("ROLLBACK", connection);
        await rollback.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private static MigrationFailure ToFailure(PostgresException e, int? statementIndex) =>
        new(statementIndex, e.SqlState, e.MessageText, e.Detail, e.Hint, e.Position);
}
