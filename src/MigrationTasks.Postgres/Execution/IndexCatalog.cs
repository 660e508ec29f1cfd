using MigrationTasks.Execution;
using Npgsql;

namespace MigrationTasks.Postgres.Execution;

/// <summary>
/// Reads the catalog for indexes left INVALID, which only a failed concurrent build (or reindex) leaves
/// behind, each with the DROP INDEX CONCURRENTLY that removes it without blocking writes to its table.
/// </summary>
internal static class IndexCatalog
{
    public static async Task<IReadOnlyList<InvalidIndex>> FindInvalidAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand(
            """
            SELECT format('%I.%I', n.nspname, c.relname)
            FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE NOT i.indisvalid AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
            ORDER BY 1
            """,
            connection);
        await using var commandLifetime = command.ConfigureAwait(false);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerLifetime = reader.ConfigureAwait(false);
        var indexes = new List<InvalidIndex>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var name = reader.GetString(0);
            indexes.Add(new InvalidIndex(name, $"DROP INDEX CONCURRENTLY {name};"));
        }

        return indexes;
    }
}
