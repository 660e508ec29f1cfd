using MigrationTasks.Files;
using MigrationTasks.Import;
using MigrationTasks.Planning;
using MigrationTasks.Postgres.Schema;
using MigrationTasks.Schema;
using Npgsql;

namespace MigrationTasks.Postgres.History;

/// <summary>
/// The history table: one row per applied (or failed) migration. Versions are stored as numeric so
/// that <c>ORDER BY version</c> in psql matches the tool's numeric order.
/// </summary>
/// <param name="runner">The runner's own role (session_user at connect), recorded as applied_by: a migration's SET ROLE must not change whose name the row carries.</param>
/// <param name="schemaScope">What the recorded fingerprint describes (<see cref="PostgresSettings.FingerprintScope"/>); the whole database when null.</param>
internal sealed class HistoryStore(string schema, string table, string runner, SchemaScope? schemaScope = null)
{
    public string Schema { get; } = schema;

    public string Table { get; } = table;

    public string QualifiedName { get; } = SqlIdentifier.Qualified(schema, table);

    private readonly CatalogFingerprint _fingerprint = new(schema, table, schemaScope);

    /// <summary>
    /// Whether the schema, this table and another relation (the audit table) exist, whether the session
    /// is read-only (a standby, default_transaction_read_only), and whether the table has the schema
    /// fingerprint columns (<see cref="HistoryUpgrade"/>), in one round trip.
    /// </summary>
    public async Task<(bool Schema, bool Table, bool Alongside, bool ReadOnly, bool Current)> ExistAsync(NpgsqlConnection connection, string alongside, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand(
            "SELECT to_regnamespace($1) IS NOT NULL, to_regclass($2) IS NOT NULL, to_regclass($3) IS NOT NULL, current_setting('transaction_read_only') = 'on', "
            + $"EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = to_regclass($2) AND attname = '{HistoryUpgrade.NewestColumn}' AND NOT attisdropped)", connection)
        {
            Parameters = { new NpgsqlParameter { Value = SqlIdentifier.Quote(Schema) }, new NpgsqlParameter { Value = QualifiedName }, new NpgsqlParameter { Value = alongside } },
        };
        await using var commandLifetime = command.ConfigureAwait(false);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerLifetime = reader.ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (reader.GetBoolean(0), reader.GetBoolean(1), reader.GetBoolean(2), reader.GetBoolean(3), reader.GetBoolean(4));
    }

    /// <summary>
    /// Creates the table, and whatever belongs with it (<paramref name="alongside"/>: the audit table), in one round trip;
    /// the schema too when <paramref name="createSchema"/> (even public, which may have been dropped). CREATE SCHEMA IF NOT
    /// EXISTS is left out for an existing schema because it checks the CREATE privilege on the database before it
    /// looks. Called under the advisory lock, so concurrent runners never race on DDL.
    /// </summary>
    public async Task CreateAsync(NpgsqlConnection connection, bool createSchema, IEnumerable<NpgsqlBatchCommand> alongside, CancellationToken cancellationToken)
    {
        var batch = new NpgsqlBatch(connection)
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
                        error text,
                        completed_checksum text,
                        schema_fingerprint text,
                        schema_text text
                    )
                    """),
            },
        };
        await using var batchLifetime = batch.ConfigureAwait(false);
        if (!createSchema)
        {
            batch.BatchCommands.RemoveAt(0);
        }

        foreach (var command in alongside)
        {
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<HistoryEntry>> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand(
            $"SELECT version::text, name, checksum, status, transactional, applied_at, applied_by, execution_ms, tool_version, bundle_root_hash, failed_statement, error, completed_checksum FROM {QualifiedName}",
            connection);
        await using var commandLifetime = command.ConfigureAwait(false);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerLifetime = reader.ConfigureAwait(false);
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
                reader.IsDBNull(11) ? null : reader.GetString(11),
                reader.IsDBNull(12) ? null : reader.GetString(12)));
        }

        // Sorted here, not by the server: on a new session (every run's) ORDER BY costs a third of the query's time,
        // planning the sort or the index path on cold catalog caches. The versions are the primary key, so the order is total.
        entries.Sort((left, right) => left.Version.CompareTo(right.Version));
        return entries;
    }

    /// <summary>
    /// The INSERT that records a transactional migration inside its own transaction; the execution
    /// time is measured by the server (clock_timestamp() - transaction start) so it costs no round trip.
    /// </summary>
    public NpgsqlBatchCommand RecordAppliedInTransaction(Migration migration, string toolVersion, string? bundleRootHash)
    {
        var command = new NpgsqlBatchCommand(
            $"INSERT INTO {QualifiedName} (version, name, checksum, status, transactional, execution_ms, tool_version, bundle_root_hash, applied_by) "
            + "VALUES ($1::numeric, $2, $3, 'applied', true, (extract(epoch FROM clock_timestamp() - now()) * 1000)::integer, $4, $5, $6)"
            + ReplacingRepeatable(migration));
        command.Parameters.AddRange(RowParameters(migration, toolVersion, bundleRootHash));
        return command;
    }

    // A repeatable migration that re-runs replaces its row; any other version is inserted once, and a
    // second insert failing on the primary key is the guard against applying it twice.
    private static string ReplacingRepeatable(Migration migration) =>
        migration.Repeatable
            ? " ON CONFLICT (version) DO UPDATE SET name = EXCLUDED.name, checksum = EXCLUDED.checksum, status = EXCLUDED.status, transactional = EXCLUDED.transactional, "
              + "applied_at = now(), applied_by = EXCLUDED.applied_by, execution_ms = EXCLUDED.execution_ms, tool_version = EXCLUDED.tool_version, bundle_root_hash = EXCLUDED.bundle_root_hash, "
              + "failed_statement = EXCLUDED.failed_statement, error = EXCLUDED.error, completed_checksum = NULL"
            : "";

    // $1..$6 of a new history row: version, name, checksum, tool version, bundle root hash, applied by.
    private NpgsqlParameter[] RowParameters(Migration migration, string toolVersion, string? bundleRootHash) =>
    [
        new() { Value = migration.Version.Value },
        new() { Value = migration.Name },
        new() { Value = migration.Checksum },
        new() { Value = toolVersion },
        new() { Value = (object?)bundleRootHash ?? DBNull.Value },
        new() { Value = runner },
    ];

    /// <summary>The execution times the server recorded for these migrations, in their order.</summary>
    public async Task<IReadOnlyList<TimeSpan>> ReadExecutionTimesAsync(NpgsqlConnection connection, IReadOnlyList<Migration> migrations, CancellationToken cancellationToken)
    {
        if (migrations.Count == 0)
        {
            return [];
        }

        var command = new NpgsqlCommand(
            $"SELECT version::text, execution_ms FROM {QualifiedName} WHERE version = ANY($1::numeric[])", connection);
        await using var commandLifetime = command.ConfigureAwait(false);
        command.Parameters.Add(new NpgsqlParameter { Value = migrations.Select(m => m.Version.Value).ToArray() });
        var times = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                times[reader.GetString(0)] = TimeSpan.FromMilliseconds(reader.GetInt32(1));
            }
        }

        return migrations.Select(m => times.GetValueOrDefault(m.Version.Value)).ToList();
    }

    /// <summary>
    /// Starts a non-transactional migration as 'failed at statement 0', so that a crash at any point
    /// leaves a row that blocks the next run instead of a silently half-applied migration.
    /// </summary>
    public async Task RecordStartedOutsideTransactionAsync(NpgsqlConnection connection, Migration migration, string toolVersion, string? bundleRootHash, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand(
            $"INSERT INTO {QualifiedName} (version, name, checksum, status, transactional, tool_version, bundle_root_hash, applied_by, failed_statement, error) "
            + "VALUES ($1::numeric, $2, $3, 'failed', false, $4, $5, $6, 0, 'started; did not finish')" + ReplacingRepeatable(migration),
            connection);
        await using var commandLifetime = command.ConfigureAwait(false);
        command.Parameters.AddRange(RowParameters(migration, toolVersion, bundleRootHash));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Marks statement <paramref name="failedStatement"/> as the one in progress (or failed), with the
    /// checksum of the statements before it so that <c>up --resume</c> can check they are unchanged.
    /// </summary>
    public async Task RecordProgressAsync(NpgsqlConnection connection, Migration migration, int failedStatement, string completedChecksum, string? error, CancellationToken cancellationToken)
    {
        var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                // Between two statements of the migration its SET ROLE or SET SESSION AUTHORIZATION is in force, and
                // that role may have no right on the history table: the row is written as the runner for this
                // transaction only (the DEFAULT form is allowed to every user), and the migration's role returns at COMMIT.
                new NpgsqlBatchCommand("BEGIN"),
                new NpgsqlBatchCommand("SET LOCAL SESSION AUTHORIZATION DEFAULT"),
                new NpgsqlBatchCommand(
                    $"UPDATE {QualifiedName} SET status = 'failed', failed_statement = $2, completed_checksum = $3, error = $4, execution_ms = (extract(epoch FROM clock_timestamp() - applied_at) * 1000)::integer WHERE version = $1::numeric")
                {
                    Parameters =
                    {
                        new NpgsqlParameter { Value = migration.Version.Value },
                        new NpgsqlParameter { Value = failedStatement },
                        new NpgsqlParameter { Value = completedChecksum },
                        new NpgsqlParameter { Value = (object?)error ?? DBNull.Value },
                    },
                },
                new NpgsqlBatchCommand("COMMIT"),
            },
        };
        await using var batchLifetime = batch.ConfigureAwait(false);
        // A refused UPDATE (the migration revoked the runner's rights) leaves the batch's BEGIN open and aborted: ended here,
        // or the run's audit row after it fails with 25P02.
        await ExecuteOrRollBackAsync(connection, batch, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The UPDATE that marks a non-transactional migration applied once its last statement ran.</summary>
    public NpgsqlBatchCommand RecordCompletedOutsideTransaction(Migration migration) =>
        new($"UPDATE {QualifiedName} SET status = 'applied', checksum = $2, failed_statement = NULL, error = NULL, completed_checksum = NULL, execution_ms = (extract(epoch FROM clock_timestamp() - applied_at) * 1000)::integer WHERE version = $1::numeric")
        {
            // The checksum is the file's now: a resumed migration may have had its failed statement fixed.
            Parameters = { new NpgsqlParameter { Value = migration.Version.Value }, new NpgsqlParameter { Value = migration.Checksum } },
        };

    /// <summary>
    /// The commands that record the schema as it now is (<see cref="CatalogFingerprint"/>) on the row of
    /// <paramref name="version"/>, or, when null, on the applied row recorded last (after a down, the state
    /// the remaining history stands for). Inside the transaction that changed the schema: they fix the
    /// output settings for the rest of it, so they come last, just before COMMIT.
    /// </summary>
    public NpgsqlBatchCommand[] RecordSchema(MigrationVersion? version)
    {
        var row = version is null
            ? $"(SELECT version FROM {QualifiedName} WHERE status = 'applied' ORDER BY applied_at DESC, version DESC LIMIT 1)"
            : "$1::numeric";
        var update = new NpgsqlBatchCommand(
            $"UPDATE {QualifiedName} SET (schema_fingerprint, schema_text) = (SELECT f.hash, f.text FROM ({_fingerprint.Query()}) f) WHERE version = {row}");
        if (version is not null)
        {
            update.Parameters.Add(new NpgsqlParameter { Value = version.Value.Value });
        }

        return [CatalogFingerprint.FixOutputSettings(), update];
    }

    /// <summary>The schema recorded with the applied migration recorded last; null when nothing is applied.</summary>
    /// <param name="current">Whether the table has the schema columns (<see cref="ExistAsync"/>); an older table reads as recording none.</param>
    public async Task<RecordedSchema?> ReadRecordedSchemaAsync(NpgsqlConnection connection, bool current, CancellationToken cancellationToken)
    {
        var columns = current ? "schema_fingerprint, schema_text" : "NULL::text, NULL::text";
        var command = new NpgsqlCommand(
            $"SELECT version::text, name, {columns} FROM {QualifiedName} WHERE status = 'applied' ORDER BY applied_at DESC, version DESC LIMIT 1", connection);
        await using var commandLifetime = command.ConfigureAwait(false);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerLifetime = reader.ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var fingerprint = reader.IsDBNull(2) || reader.IsDBNull(3) ? null : new SchemaFingerprint(reader.GetString(2), reader.GetString(3));
        return new RecordedSchema(MigrationVersion.Parse(reader.GetString(0)), reader.GetString(1), fingerprint);
    }

    /// <summary>The live schema's fingerprint, leaving this history's own tables out.</summary>
    public Task<SchemaFingerprint> ReadLiveSchemaAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        _fingerprint.ReadAsync(connection, cancellationToken);

    /// <summary>The DELETE that forgets a reverted migration, inside the transaction of its down script.</summary>
    public NpgsqlBatchCommand DeleteInTransaction(MigrationVersion version) =>
        new($"DELETE FROM {QualifiedName} WHERE version = $1::numeric") { Parameters = { new NpgsqlParameter { Value = version.Value } } };

    /// <summary>Records migrations as applied without running them (baseline, mark-applied); a failed row becomes applied.</summary>
    /// <param name="recordSchema">Record the schema as it is on the last row: a baseline is the state later drift checks compare with.</param>
    public async Task RecordAsAppliedAsync(NpgsqlConnection connection, IReadOnlyList<Migration> migrations, string toolVersion, string? bundleRootHash, bool recordSchema, CancellationToken cancellationToken)
    {
        var batch = new NpgsqlBatch(connection) { BatchCommands = { new NpgsqlBatchCommand("BEGIN") } };
        await using var batchLifetime = batch.ConfigureAwait(false);
        foreach (var migration in migrations)
        {
            batch.BatchCommands.Add(RecordedWithoutRunning(migration, toolVersion, bundleRootHash, appliedAt: null, source: null,
                "ON CONFLICT (version) DO UPDATE SET name = EXCLUDED.name, checksum = EXCLUDED.checksum, status = 'applied', applied_at = now(), applied_by = EXCLUDED.applied_by, "
                + "execution_ms = 0, tool_version = EXCLUDED.tool_version, bundle_root_hash = EXCLUDED.bundle_root_hash, failed_statement = NULL, error = NULL, completed_checksum = NULL"));
        }

        if (recordSchema && migrations.Count > 0)
        {
            foreach (var command in RecordSchema(migrations[^1].Version))
            {
                batch.BatchCommands.Add(command);
            }
        }

        batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        await ExecuteOrRollBackAsync(connection, batch, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Records migrations another tool applied (<c>migrations import</c>), in one transaction, with the
    /// tool's applied time where it kept one and <paramref name="source"/>; a version already recorded is
    /// left as it is. The source column is added to a history table created before imports existed.
    /// </summary>
    public async Task ImportAsync(NpgsqlConnection connection, IReadOnlyList<ImportedMigration> migrations, string toolVersion, string source, CancellationToken cancellationToken)
    {
        var batch = new NpgsqlBatch(connection)
        {
            BatchCommands = { new("BEGIN"), new($"ALTER TABLE {QualifiedName} ADD COLUMN IF NOT EXISTS source text") },
        };
        await using var batchLifetime = batch.ConfigureAwait(false);
        foreach (var (migration, appliedAt) in migrations)
        {
            batch.BatchCommands.Add(RecordedWithoutRunning(migration, toolVersion, bundleRootHash: null, appliedAt, source, "ON CONFLICT (version) DO NOTHING"));
        }

        batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        await ExecuteOrRollBackAsync(connection, batch, cancellationToken).ConfigureAwait(false);
    }

    // The one INSERT of a migration recorded as applied without running it here: baseline, mark-applied
    // and import differ only in what a row already there means (onConflict), the time and the source.
    private NpgsqlBatchCommand RecordedWithoutRunning(Migration migration, string toolVersion, string? bundleRootHash, DateTimeOffset? appliedAt, string? source, string onConflict)
    {
        var command = new NpgsqlBatchCommand(
            $"INSERT INTO {QualifiedName} AS h (version, name, checksum, status, transactional, tool_version, bundle_root_hash, applied_by, applied_at{(source is null ? "" : ", source")}) "
            + $"VALUES ($1::numeric, $2, $3, 'applied', $4, $5, $6, $7, COALESCE($8, now()){(source is null ? "" : ", $9")}) {onConflict}")
        {
            Parameters =
            {
                new NpgsqlParameter { Value = migration.Version.Value },
                new NpgsqlParameter { Value = migration.Name },
                new NpgsqlParameter { Value = migration.Checksum },
                new NpgsqlParameter { Value = migration.Up.Directives.IsTransactional },
                new NpgsqlParameter { Value = toolVersion },
                new NpgsqlParameter { Value = (object?)bundleRootHash ?? DBNull.Value },
                new NpgsqlParameter { Value = runner },
                new NpgsqlParameter { Value = appliedAt is { } at ? at.UtcDateTime : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz },
            },
        };
        if (source is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = source });
        }

        return command;
    }

    /// <summary>Deletes failed rows and re-records accepted checksums, in one transaction.</summary>
    public async Task RepairAsync(NpgsqlConnection connection, IReadOnlyList<MigrationVersion> clearFailed, IReadOnlyList<Migration> acceptChecksums, CancellationToken cancellationToken)
    {
        var batch = new NpgsqlBatch(connection) { BatchCommands = { new NpgsqlBatchCommand("BEGIN") } };
        await using var batchLifetime = batch.ConfigureAwait(false);
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"DELETE FROM {QualifiedName} WHERE status = 'failed' AND version = ANY($1::numeric[])")
        {
            Parameters = { new NpgsqlParameter { Value = clearFailed.Select(v => v.Value).ToArray() } },
        });
        foreach (var migration in acceptChecksums)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"UPDATE {QualifiedName} SET checksum = $2 WHERE version = $1::numeric AND status = 'applied'")
            {
                Parameters = { new NpgsqlParameter { Value = migration.Version.Value }, new NpgsqlParameter { Value = migration.Checksum } },
            });
        }

        batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        await ExecuteOrRollBackAsync(connection, batch, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs a BEGIN ... COMMIT batch; on an error or a cancel, ends the transaction it left open.</summary>
    internal static async Task ExecuteOrRollBackAsync(NpgsqlConnection connection, NpgsqlBatch batch, CancellationToken cancellationToken)
    {
        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is PostgresException or OperationCanceledException && connection.State == System.Data.ConnectionState.Open)
        {
            var rollback = new NpgsqlCommand("ROLLBACK", connection);
            await using var rollbackLifetime = rollback.ConfigureAwait(false);
            await rollback.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }
}
