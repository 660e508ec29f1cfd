using MigrationTasks.Schema;
using Npgsql;

namespace MigrationTasks.Postgres.Schema;

/// <summary>
/// The schema fingerprint of a PostgreSQL database, computed by the server: <see cref="CatalogLines"/>
/// sorted byte-wise (COLLATE "C"), under a version header, hashed with sha256(). Done in SQL so that the
/// history row of a migration can record it inside the migration's own transaction, at no round trip.
/// </summary>
/// <param name="scope">The schemas described and the objects left out; the whole database when null.</param>
internal sealed class CatalogFingerprint(string historySchema, string historyTable, SchemaScope? scope = null)
{
    /// <summary>
    /// Fixes every setting the deparse functions read, for the rest of the transaction (is_local): names are
    /// qualified only when search_path (pg_catalog, then pg_temp so no temporary table shadows a catalog)
    /// does not find them, so the same schema reads the same under any user search_path, time zone or style.
    /// JIT is off: the query's estimated cost passes jit_above_cost on a thousand tables, and compiling its
    /// expressions took 400 ms, far more than running them.
    /// </summary>
    public static NpgsqlBatchCommand FixOutputSettings() => new(
        "SELECT set_config('search_path', 'pg_catalog, pg_temp', true), set_config('DateStyle', 'ISO, YMD', true), "
        + "set_config('IntervalStyle', 'postgres', true), set_config('TimeZone', 'UTC', true), set_config('extra_float_digits', '1', true), "
        + "set_config('standard_conforming_strings', 'on', true), set_config('quote_all_identifiers', 'off', true), set_config('jit', 'off', true)");

    /// <summary>A query of one row: <c>hash</c> (sha256:…) and <c>text</c> (the canonical text). Run after <see cref="FixOutputSettings"/>.</summary>
    public string Query() => $"""
        SELECT 'sha256:' || encode(sha256(convert_to(f.text, 'UTF8')), 'hex') AS hash, f.text
        FROM (SELECT '{SchemaFingerprint.Header}' || coalesce(E'\n' || string_agg(l.line, E'\n' ORDER BY l.line COLLATE "C"), '') AS text
              FROM ({CatalogLines.Query(historySchema, historyTable, historyTable + History.HistoryNames.AuditSuffix, scope?.Schemas)}) l{Excluding()}) f
        """;

    // The user's globs, over each line's identity (its second field, escaped as drift prints it but for backslashes).
    private string Excluding() => scope?.ExclusionPattern() is { } pattern
        ? $" WHERE NOT (split_part(l.line, E'\\t', 2) ~ {CatalogLines.Literal(pattern)} OR split_part(l.line, E'\\t', 2) || '.' ~ {CatalogLines.Literal(pattern)})"
        : "";

    /// <summary>Reads the live schema's fingerprint in a read-only transaction of its own, leaving the session as it was.</summary>
    public async Task<SchemaFingerprint> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var batch = new NpgsqlBatch(connection)
        {
            BatchCommands = { new("BEGIN READ ONLY"), FixOutputSettings(), new(Query()), new("COMMIT") },
        };
        await using var batchLifetime = batch.ConfigureAwait(false);
        try
        {
            var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using var readerLifetime = reader.ConfigureAwait(false);
            // The first result is the settings' row; the fingerprint follows.
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var fingerprint = new SchemaFingerprint(reader.GetString(0), reader.GetString(1));
            while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
            {
            }

            return fingerprint;
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
