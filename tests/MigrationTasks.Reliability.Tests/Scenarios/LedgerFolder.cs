using System.Globalization;
using MigrationTasks.Cli.Tests.Support;

namespace MigrationTasks.Reliability.Tests.Scenarios;

/// <summary>
/// Migration folders whose every migration leaves evidence: one row in <c>ledger</c> per run of it
/// (so a migration applied twice shows as two rows), and two tables (so a half-applied one shows as
/// one table without the other).
/// </summary>
internal static class LedgerFolder
{
    public static string Version(int number) => number.ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>
    /// <paramref name="count"/> migrations. Each creates <c>a_NNNN</c> and <c>b_NNNN</c> and records
    /// itself in the ledger; <paramref name="pause"/> (seconds of pg_sleep between the two tables)
    /// widens the window in which a crash lands mid-migration.
    /// <paramref name="special"/> replaces the body of chosen versions.
    /// </summary>
    public static Migrations Create(int count, double pause, IReadOnlyDictionary<int, string>? special = null)
    {
        var migrations = new Migrations();
        for (var i = 1; i <= count; i++)
        {
            var v = Version(i);
            var body = special is not null && special.TryGetValue(i, out var replaced) ? replaced : Standard(i, pause);
            var setup = i == 1 ? "CREATE TABLE ledger (version int NOT NULL, backend int NOT NULL DEFAULT pg_backend_pid());\n" : "";
            migrations.Add($"{v}_step_{v}.sql", body.StartsWith("-- migrate:", StringComparison.Ordinal) ? body : setup + body);
        }

        return migrations;
    }

    public static string Standard(int number, double pause)
    {
        var v = Version(number);
        var sleep = pause > 0 ? string.Create(CultureInfo.InvariantCulture, $"SELECT pg_sleep({pause});\n") : "";
        return $"CREATE TABLE a_{v} (id int);\n{sleep}CREATE TABLE b_{v} (id int);\nINSERT INTO ledger (version) VALUES ({number});\n";
    }

    /// <summary>
    /// A no-transaction migration: a table, a pause, an index built CONCURRENTLY, a ledger row. Each
    /// statement is safe to run again, as a resumed crash may re-run the one that was in progress.
    /// </summary>
    public static string Concurrent(int number, double pause)
    {
        var v = Version(number);
        return "-- migrate:no-transaction\n"
            + $"CREATE TABLE IF NOT EXISTS a_{v} (id int);\n"
            + string.Create(CultureInfo.InvariantCulture, $"SELECT pg_sleep({pause});\n")
            + $"CREATE INDEX CONCURRENTLY IF NOT EXISTS b_{v} ON a_{v} (id);\n"
            + $"INSERT INTO ledger (version) SELECT {number} WHERE NOT EXISTS (SELECT 1 FROM ledger WHERE version = {number});\n";
    }
}
