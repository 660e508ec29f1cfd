using Npgsql;

namespace MigrationTasks.Postgres.History;

/// <summary>
/// Brings a history table created by an earlier version up to the current shape, as <c>import</c> adds
/// <c>source</c>: ADD COLUMN IF NOT EXISTS, nullable, so old rows stay as they were and an older runner
/// (which names its columns) keeps working. Run under the migration lock, only when a column is missing.
/// </summary>
internal static class HistoryUpgrade
{
    /// <summary>The column added last: when it is there, every earlier one is too.</summary>
    public const string NewestColumn = "schema_text";

    public static async Task RunAsync(NpgsqlConnection connection, string qualifiedName, CancellationToken cancellationToken)
    {
        // schema_text is TOASTed: PostgreSQL compresses a value over about 2 kB on its own (pglz, or lz4 where configured).
        var command = new NpgsqlCommand(
            $"ALTER TABLE {qualifiedName} ADD COLUMN IF NOT EXISTS schema_fingerprint text, ADD COLUMN IF NOT EXISTS schema_text text", connection);
        await using var commandLifetime = command.ConfigureAwait(false);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
