using MigrationTasks.Files;
using MigrationTasks.Import;
using Npgsql;

namespace MigrationTasks.Postgres.Import;

/// <summary>
/// Finds and reads another tool's history table, as that tool writes it, without changing it: every
/// query here is a SELECT (or an advisory lock the tool itself takes).
/// </summary>
internal static partial class ForeignHistoryReader
{
    // Where each tool keeps its history by default, resolved through the search path as the tool does.
    private static readonly (ImportTool Tool, string Table, string? Column)[] Tables =
    [
        (ImportTool.GolangMigrate, "schema_migrations", "dirty"),
        (ImportTool.Dbmate, "schema_migrations", null),
        (ImportTool.Flyway, "flyway_schema_history", null),
        (ImportTool.Drizzle, "drizzle.__drizzle_migrations", null),
        (ImportTool.NodePgMigrate, "pgmigrations", null),
        (ImportTool.TypeOrm, "migrations", "timestamp"),
        (ImportTool.EfCore, "\"__EFMigrationsHistory\"", null),
    ];

    public static string TableOf(ImportTool tool) => Tables.First(t => t.Tool == tool).Table;

    /// <summary>The tools whose history table this database has.</summary>
    public static async Task<List<ImportTool>> DetectAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var found = new List<ImportTool>();
        foreach (var (tool, table, column) in Tables)
        {
            // golang-migrate's and dbmate's tables share a name: golang-migrate's has a dirty column.
            if (await ExistsAsync(connection, table, cancellationToken).ConfigureAwait(false)
                && (column is null || await HasColumnAsync(connection, table, column, cancellationToken).ConfigureAwait(false))
                && !(tool == ImportTool.Dbmate && await HasColumnAsync(connection, table, "dirty", cancellationToken).ConfigureAwait(false)))
            {
                found.Add(tool);
            }
        }

        return found;
    }

    public static async Task<bool> ExistsAsync(NpgsqlConnection connection, string table, CancellationToken cancellationToken) =>
        await ScalarAsync<bool>(connection, $"SELECT to_regclass('{table}') IS NOT NULL", cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Takes the tool's own lock where it has one (golang-migrate, Flyway, node-pg-migrate), held by
    /// <paramref name="connection"/> until it closes; false when another session holds it.
    /// </summary>
    public static async Task<bool> TryLockAsync(NpgsqlConnection connection, ImportTool tool, CancellationToken cancellationToken)
    {
        foreach (var key in await LockKeysAsync(connection, tool, cancellationToken).ConfigureAwait(false))
        {
            if (!await ScalarAsync<bool>(connection, $"SELECT pg_try_advisory_lock({key})", cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
        }

        return true;
    }

    // The keys are derived from the schema the tool's table is in (the tool created it in its own
    // schema, which is where the search path finds it) and the database's name.
    private static async Task<long[]> LockKeysAsync(NpgsqlConnection connection, ImportTool tool, CancellationToken cancellationToken)
    {
        if (tool is not (ImportTool.GolangMigrate or ImportTool.Flyway))
        {
            return tool == ImportTool.NodePgMigrate ? [ForeignLockKeys.NodePgMigrate] : [];
        }

        var table = TableOf(tool);
        var schema = await ScalarAsync<string>(connection,
            $"SELECT coalesce((SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass('{table}')), current_schema())", cancellationToken).ConfigureAwait(false);
        return tool == ImportTool.Flyway
            ? [ForeignLockKeys.Flyway(schema, table)]
            : ForeignLockKeys.GolangMigrateAnyOpening(connection.Database, schema, table);
    }

    public static async Task<ForeignHistory> ReadAsync(NpgsqlConnection connection, ImportTool tool, CancellationToken cancellationToken)
    {
        var table = TableOf(tool);
        var rows = new List<ForeignRow>();
        var history = new ForeignHistory(tool, table, rows);
        if (!await ExistsAsync(connection, table, cancellationToken).ConfigureAwait(false))
        {
            return history;
        }

        switch (tool)
        {
            case ImportTool.GolangMigrate:
                await foreach (var r in QueryAsync(connection, $"SELECT version::text, dirty FROM {table} LIMIT 1", cancellationToken).ConfigureAwait(false))
                {
                    history = history with
                    {
                        AppliedThrough = MigrationVersion.Parse((string)r[0]),
                        NotClean = (bool)r[1] ? $"golang-migrate marks version {r[0]} dirty: it failed part way. Fix the database by hand, then run 'migrate force <last good version>' and import again" : null,
                    };
                }

                return history;
            case ImportTool.Flyway:
                return await ReadFlywayAsync(connection, history, cancellationToken).ConfigureAwait(false);
            case ImportTool.Drizzle:
                await foreach (var r in QueryAsync(connection, $"SELECT created_at::text, hash FROM {table} ORDER BY created_at", cancellationToken).ConfigureAwait(false))
                {
                    rows.Add(new ForeignRow(MigrationVersion.Parse((string)r[0]), "", null, (string)r[1]));
                }

                return history;
            default:
                var query = tool switch
                {
                    ImportTool.Dbmate => $"SELECT version::text, NULL::timestamptz FROM {table} ORDER BY version",
                    ImportTool.NodePgMigrate => $"SELECT name, run_on::timestamptz FROM {table} ORDER BY run_on, id",
                    ImportTool.TypeOrm => $"SELECT timestamp::text || '_' || name, NULL::timestamptz FROM {table} ORDER BY id",
                    _ => $"SELECT \"MigrationId\", NULL::timestamptz FROM {table} ORDER BY \"MigrationId\"",
                };
                await foreach (var r in QueryAsync(connection, query, cancellationToken).ConfigureAwait(false))
                {
                    var row = Named((string)r[0], r[1] as DateTime?);
                    rows.Add(tool == ImportTool.NodePgMigrate ? row with { FileName = (string)r[0] } : row);
                }

                return history;
        }
    }

    // "<digits>_<name>": node-pg-migrate's file name, TypeORM's timestamp and name, EF Core's MigrationId.
    private static ForeignRow Named(string text, DateTime? appliedAt)
    {
        var digits = text.TakeWhile(char.IsAsciiDigit).Count();
        var version = MigrationVersion.TryParse(text.AsSpan(0, digits), out var parsed) ? parsed : (MigrationVersion?)null;
        var name = digits == 0 ? text : text[Math.Min(text.Length, digits + 1)..];
        return new ForeignRow(version, name, appliedAt is { } at ? new DateTimeOffset(at) : null, null);
    }

    private static async Task<bool> HasColumnAsync(NpgsqlConnection connection, string table, string column, CancellationToken cancellationToken) =>
        await ScalarAsync<bool>(connection,
            $"SELECT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('{table}') AND attname = '{column}' AND NOT attisdropped)", cancellationToken).ConfigureAwait(false);

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand(sql, connection);
        await using var commandLifetime = command.ConfigureAwait(false);
        return (T)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private static async IAsyncEnumerable<object[]> QueryAsync(NpgsqlConnection connection, string sql, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand(sql, connection);
        await using var commandLifetime = command.ConfigureAwait(false);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerLifetime = reader.ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var values = new object[reader.FieldCount];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = reader.GetValue(i);
            }

            yield return values;
        }
    }
}
