using MigrationTasks.Files;
using MigrationTasks.Import;
using Npgsql;

namespace MigrationTasks.Postgres.Import;

internal static partial class ForeignHistoryReader
{
    // Flyway: versioned rows with their CRC32, BASELINE standing for everything up to it, the latest
    // successful row of each repeatable; any failed row makes the state unclean. A later UNDO_* row
    // ('flyway undo') or DELETE row ('flyway repair' of a missing migration) takes its version (or
    // repeatable) back out: Flyway reads it as undone or deleted, pending again, not applied.
    // Versions are keyed as Flyway writes them ('_' read as '.'); one of three parts or more (valid in
    // Flyway, 2024.01.01.1200) is no version of ours, so its row is unmatched rather than a crash.
    private static async Task<ForeignHistory> ReadFlywayAsync(NpgsqlConnection connection, ForeignHistory history, CancellationToken cancellationToken)
    {
        var rows = (List<ForeignRow>)history.Rows;
        var versioned = new Dictionary<string, ForeignRow>(StringComparer.Ordinal);
        var repeatables = new Dictionary<string, ForeignRow>(StringComparer.Ordinal);
        var unreadable = new List<string>();
        await foreach (var r in QueryAsync(connection,
            $"SELECT version, description, type, checksum::text, installed_on::timestamptz, success FROM {history.Table} ORDER BY installed_rank", cancellationToken).ConfigureAwait(false))
        {
            var (version, description, type) = ((r[0] as string)?.Replace('_', '.'), (string)r[1], (string)r[2]);
            // Flyway's description is the file's with '_' read as ' ' (R__my_view.sql and R__my view.sql are
            // both "my view"); rows and files are compared with ' ' written as '_'.
            var name = description.Replace(' ', '_');
            if (!(bool)r[5])
            {
                history = history with { NotClean = $"Flyway records version {version ?? description} as failed (success = false). Fix the database, run 'flyway repair', then import again" };
            }
            else if (type is "BASELINE" && version is not null)
            {
                if (MigrationVersion.TryParseDecimal(version, out var through))
                {
                    history = history with { AppliedThrough = through };
                }
                else
                {
                    unreadable.Add($"baseline version {version}: {TooManyParts}");
                }
            }
            else if (type is "SQL" or "JDBC" or "SCRIPT")
            {
                var parsed = MigrationVersion.TryParseDecimal(version, out var number) ? number : (MigrationVersion?)null;
                var row = new ForeignRow(parsed, name, new DateTimeOffset((DateTime)r[4]), r[3] as string);
                if (version is null)
                {
                    repeatables[row.Name] = row;
                }
                else
                {
                    versioned[version] = row;
                }
            }
            else if (type is "DELETE" || type.StartsWith("UNDO_", StringComparison.Ordinal))
            {
                _ = version is null ? repeatables.Remove(name) : versioned.Remove(version);
            }
        }

        rows.AddRange(versioned.Values.Where(row => row.Version is not null));
        rows.AddRange(repeatables.Values);
        unreadable.AddRange(versioned.Where(v => v.Value.Version is null).Select(v => $"{v.Key} {v.Value.Name}: {TooManyParts}"));
        return history with { Unreadable = unreadable };
    }

    private const string TooManyParts = "a Flyway version of more than two parts, which MigrationTasks cannot order yet, so no local file can be this migration";
}
