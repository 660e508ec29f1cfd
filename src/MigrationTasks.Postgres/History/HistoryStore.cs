using MigrationTasks.Files;
using MigrationTasks.Planning;
using Npgsql;

namespace MigrationTasks.Postgres.History;

/// <summary>
/// The history table: one row per applied (or failed) migration. Versions are stored as numeric so
/// that <c>ORDER BY version</c> in psql matches the tool's numeric order.
/// </summary>
internal sealed class HistoryStore(string schema, string table)
{
    public string Schema { get; } = schema;

    public string Table { get; } = table;

    public string QualifiedName { get; } = SqlIdentifier.Qualified(schema, table);

    public async Task<bool> ExistsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT to_regclass($1) IS NOT NULL", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = QualifiedName });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Creates the table. Called under the advisory lock, so concurrent runners never race on DDL.</summary>
    public async Task CreateAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand($"CREATE SCHEMA IF NOT EXISTS {SqlIdentifier.Quote(Schema)}"),
                new NpgsqlBatchCommand($"""
                    CREATE TABLE IF NOT EXISTS {QualifiedName} (
                        version numeric PRIMARY KEY,
                        name text NOT NULL,
                        checksum text NOT NULL,
                        status text NOT NULL CHECK (status IN ('applied', 'failed')),
                        transactional boolean NOT NULL,
                        applied_at timestamptz NOT NULL DEFAULT now(),
                        applied_by text NOT NULL DEFAULT current_user,
                        execution_ms integer NOT NULL DEFAULT 0,
                        tool_version text NOT NULL,
                        bundle_root_hash text,
                        failed_statement integer,
                        error text
                    )
                    """),
            },
        };
        if (Schema == "public")
        {
            batch.BatchCommands.RemoveAt(0);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<HistoryEntry>> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT version::text, name, checksum, status, transactional, applied_at, applied_by, execution_ms, tool_version, bundle_root_hash, failed_statement, error FROM {QualifiedName} ORDER BY version",
            connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<HistoryEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new HistoryEntry(
                MigrationVersion.Parse(reader.GetString(0)),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3) == "failed" ? HistoryStatus.Failed : HistoryStatus.Applied,
                reader.GetBoolean(4),
                reader.GetFieldValue<DateTimeOffset>(5),
                reader.GetString(6),
                TimeSpan.FromMilliseconds(reader.GetInt32(7)),
                reader.GetString(8),
                reader.IsDBNull(9) ? null : reader.GetString(9),
                reader.IsDBNull(10) ? null : reader.GetInt32(10),
                reader.IsDBNull(11) ? null : reader.GetString(11)));
        }

        return entries;
    }

    /// <summary>
    /// The INSERT that records a transactional migration inside its own transaction; the execution
    /// time is measured by the server (clock_timestamp() - transaction start) so it costs no round trip.
    /// </summary>
    public NpgsqlBatchCommand RecordAppliedInTransaction(Migration migration, string toolVersion, string? bundleRootHash) =>
        new($"INSERT INTO {QualifiedName} (version, name, checksum, status, transactional, execution_ms, tool_version, bundle_root_hash) "
            + "VALUES ($1::numeric, $2, $3, 'applied', true, (extract(epoch FROM clock_timestamp() - now()) * 1000)::integer, $4, $5)")
        {
            Parameters =
            {
                new NpgsqlParameter { Value = migration.Version.Value },
                new NpgsqlParameter { Value = migration.Name },
                new NpgsqlParameter { Value = migration.Checksum },
                new NpgsqlParameter { Value = toolVersion },
                new NpgsqlParameter { Value = (object?)bundleRootHash ?? DBNull.Value },
            },
        };

    /// <summary>
    /// Starts a non-transactional migration as 'failed at statement 0', so that a crash at any point
    /// leaves a row that blocks the next run instead of a silently half-applied migration.
    /// </summary>
    public async Task RecordStartedOutsideTransactionAsync(NpgsqlConnection connection, Migration migration, string toolVersion, string? bundleRootHash, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"INSERT INTO {QualifiedName} (version, name, checksum, status, transactional, tool_version, bundle_root_hash, failed_statement, error) "
            + "VALUES ($1::numeric, $2, $3, 'failed', false, $4, $5, 0, 'started; did not finish')",
            connection)
        {
            Parameters =
            {
                new NpgsqlParameter { Value = migration.Version.Value },
                new NpgsqlParameter { Value = migration.Name },
                new NpgsqlParameter { Value = migration.Checksum },
                new NpgsqlParameter { Value = toolVersion },
                new NpgsqlParameter { Value = (object?)bundleRootHash ?? DBNull.Value },
            },
        };
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task RecordProgressAsync(NpgsqlConnection connection, Migration migration, int failedStatement, string? error, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"UPDATE {QualifiedName} SET failed_statement = $2, error = $3, execution_ms = (extract(epoch FROM clock_timestamp() - applied_at) * 1000)::integer WHERE version = $1::numeric",
            connection)
        {
            Parameters =
            {
                new NpgsqlParameter { Value = migration.Version.Value },
                new NpgsqlParameter { Value = failedStatement },
                new NpgsqlParameter { Value = (object?)error ?? DBNull.Value },
            },
        };
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task RecordCompletedOutsideTransactionAsync(NpgsqlConnection connection, Migration migration, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"UPDATE {QualifiedName} SET status = 'applied', failed_statement = NULL, error = NULL, execution_ms = (extract(epoch FROM clock_timestamp() - applied_at) * 1000)::integer WHERE version = $1::numeric",
            connection)
        {
            Parameters = { new NpgsqlParameter { Value = migration.Version.Value } },
        };
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
