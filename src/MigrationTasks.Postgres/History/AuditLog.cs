using MigrationTasks.Execution;
using Npgsql;

namespace MigrationTasks.Postgres.History;

/// <summary>
/// The audit table next to the history table (<c>&lt;history table&gt;_audit</c>): one row per
/// up, down, baseline, mark-applied and repair, kept when the history row itself is deleted or
/// rewritten. Append-only by trigger, so that a later run (or a hurried person) cannot quietly
/// rewrite what happened; an owner who really must can still drop the trigger, visibly.
/// </summary>
/// <param name="runner">The runner's own role (session_user at connect), recorded as db_user.</param>
internal sealed class AuditLog(string schema, string historyTable, string runner)
{
    public string Table { get; } = historyTable + HistoryNames.AuditSuffix;

    public string QualifiedName => SqlIdentifier.Qualified(schema, Table);

    /// <summary>Creates the table and its guard trigger; idempotent, called under the migration lock.</summary>
    public NpgsqlBatchCommand[] CreateCommands()
    {
        var guard = SqlIdentifier.Qualified(schema, Table + HistoryNames.AppendOnlySuffix);
        var trigger = SqlIdentifier.Quote(Table + HistoryNames.AppendOnlySuffix);
        return
        [
            new($"""
                CREATE TABLE IF NOT EXISTS {QualifiedName} (
                    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    action text NOT NULL,
                    versions text[] NOT NULL,
                    outcome text NOT NULL CHECK (outcome IN ('succeeded', 'failed', 'cancelled')),
                    db_user text NOT NULL DEFAULT current_user,
                    os_user text NOT NULL,
                    at timestamptz NOT NULL DEFAULT clock_timestamp(),
                    tool_version text NOT NULL,
                    bundle_root_hash text,
                    environment text,
                    detail text
                )
                """),
            new($"""
                CREATE OR REPLACE FUNCTION {guard}() RETURNS trigger LANGUAGE plpgsql AS $guard$
                BEGIN
                    RAISE EXCEPTION 'the migration audit table % is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
                END
                $guard$
                """),
            new($"CREATE OR REPLACE TRIGGER {trigger} BEFORE UPDATE OR DELETE ON {QualifiedName} FOR EACH ROW EXECUTE FUNCTION {guard}()"),
            new($"CREATE OR REPLACE TRIGGER {SqlIdentifier.Quote(Table + HistoryNames.NoTruncateSuffix)} BEFORE TRUNCATE ON {QualifiedName} FOR EACH STATEMENT EXECUTE FUNCTION {guard}()"),
        ];
    }

    public async Task WriteAsync(NpgsqlConnection connection, AuditRecord record, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand(
            $"INSERT INTO {QualifiedName} (action, versions, outcome, os_user, tool_version, bundle_root_hash, environment, detail, db_user) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            connection)
        {
            Parameters =
            {
                new NpgsqlParameter { Value = record.Action },
                new NpgsqlParameter { Value = record.Versions.ToArray() },
                new NpgsqlParameter { Value = record.Outcome.ToString().ToLowerInvariant() },
                new NpgsqlParameter { Value = record.OsUser },
                new NpgsqlParameter { Value = record.ToolVersion },
                new NpgsqlParameter { Value = (object?)record.BundleRootHash ?? DBNull.Value },
                new NpgsqlParameter { Value = (object?)record.Environment ?? DBNull.Value },
                new NpgsqlParameter { Value = (object?)record.Detail ?? DBNull.Value },
                new NpgsqlParameter { Value = runner },
            },
        };
        await using var commandLifetime = command.ConfigureAwait(false);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
