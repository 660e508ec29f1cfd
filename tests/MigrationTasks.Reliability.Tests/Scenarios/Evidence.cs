using Npgsql;

namespace MigrationTasks.Reliability.Tests.Scenarios;

/// <summary>What a database says about the migrations that ran on it: history, ledger, objects, locks.</summary>
internal static class Evidence
{
    /// <summary>Every history row as version → status.</summary>
    public static async Task<Dictionary<int, string>> HistoryAsync(string connectionString) =>
        (await SnapshotAsync(connectionString)).History;

    /// <summary>How many ledger rows each version wrote: 1 for a migration applied exactly once.</summary>
    public static async Task<Dictionary<int, long>> LedgerAsync(string connectionString) =>
        (await SnapshotAsync(connectionString)).Ledger;

    /// <summary>
    /// History, ledger and the a_NNNN / b_NNNN relations, read in one REPEATABLE READ transaction: a
    /// killed runner's backend may still be committing, and separate reads would mix two states.
    /// </summary>
    public static async Task<Snapshot> SnapshotAsync(string connectionString)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead);
        var snapshot = new Snapshot(new(), new(), new(StringComparer.Ordinal));
        if (await ExistsAsync(connection, "migrationtasks_history"))
        {
            await ReadAsync(connection, "SELECT version::int, status FROM migrationtasks_history", r => snapshot.History[r.GetInt32(0)] = r.GetString(1));
        }

        if (await ExistsAsync(connection, "ledger"))
        {
            await ReadAsync(connection, "SELECT version, count(*) FROM ledger GROUP BY version", r => snapshot.Ledger[r.GetInt32(0)] = r.GetInt64(1));
        }

        await ReadAsync(connection, "SELECT relname::text FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relname ~ '^[ab]_[0-9]{4}$'",
            r => snapshot.Relations.Add(r.GetString(0)));
        return snapshot;
    }

    /// <summary>
    /// Transactional migrations whose objects and history row disagree: some but not all of its two
    /// objects, or objects without an applied row, or an applied row without them.
    /// </summary>
    public static async Task<List<string>> HalfAppliedAsync(string connectionString, int count, IReadOnlySet<int> skip)
    {
        var (history, ledger, relations) = await SnapshotAsync(connectionString);
        var problems = new List<string>();
        for (var i = 1; i <= count; i++)
        {
            if (skip.Contains(i))
            {
                continue;
            }

            var v = LedgerFolder.Version(i);
            var applied = history.TryGetValue(i, out var status) && status == "applied";
            var a = relations.Contains($"a_{v}");
            var b = relations.Contains($"b_{v}");
            var rows = ledger.GetValueOrDefault(i);
            if (a != applied || b != applied || rows != (applied ? 1 : 0))
            {
                problems.Add($"{v}: history {status ?? "none"}, a_{v} {(a ? "exists" : "missing")}, b_{v} {(b ? "exists" : "missing")}, ledger rows {rows}");
            }
        }

        return problems;
    }

    /// <summary>Whether anyone holds the runner's migration lock (its bigint key, as the runner derives it).</summary>
    public static async Task<string?> MigrationLockHolderAsync(string connectionString, long key)
    {
        await using var connection = await OpenAsync(connectionString);
        // A bigint advisory key shows in pg_locks split into classid (high half) and objid (low half), objsubid 1.
        await using var command = new NpgsqlCommand(
            """
            SELECT format('pid %s (%s)', l.pid, a.application_name) FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND l.classid = (($1::bigint >> 32) & 4294967295)::oid AND l.objid = ($1::bigint & 4294967295)::oid
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        return (string?)await command.ExecuteScalarAsync();
    }

    /// <summary>Polls until the migration lock is free; returns how long that took, or null if it stayed held.</summary>
    public static async Task<TimeSpan?> WaitForLockFreeAsync(string connectionString, long key, TimeSpan within)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (await MigrationLockHolderAsync(connectionString, key) is null)
            {
                return clock.Elapsed;
            }

            if (clock.Elapsed > within)
            {
                return null;
            }

            await Task.Delay(20);
        }
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        // Unpooled: the tests drop their databases with FORCE and restart servers; no idle socket may linger.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    private static async Task ReadAsync(NpgsqlConnection connection, string sql, Action<NpgsqlDataReader> row)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            row(reader);
        }
    }

    private static async Task<bool> ExistsAsync(NpgsqlConnection connection, string table)
    {
        await using var command = new NpgsqlCommand("SELECT to_regclass($1) IS NOT NULL", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = "public." + table });
        return (bool)(await command.ExecuteScalarAsync())!;
    }
}

/// <summary>One consistent reading of a scenario database.</summary>
internal sealed record Snapshot(Dictionary<int, string> History, Dictionary<int, long> Ledger, HashSet<string> Relations);
