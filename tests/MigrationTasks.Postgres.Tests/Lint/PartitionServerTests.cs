using MigrationTasks.Lint;
using MigrationTasks.Testing;

namespace MigrationTasks.Postgres.Tests.Lint;

/// <summary>
/// attach-partition-scan agrees with the server: at client_min_messages = debug1 PostgreSQL says
/// "partition constraint for table ... is implied by existing constraints" exactly when it skips
/// the scan. (A partition created in the same migration is exempt for another reason: it is new.)
/// </summary>
public sealed class PartitionServerTests
{
    private const string Attach = "ALTER TABLE events ATTACH PARTITION events_2024 FOR VALUES IN (2024);";

    public static readonly object[] Scripts =
    [
        new object[] { Attach, true },
        new object[] { $"ALTER TABLE events_2024 ADD CONSTRAINT bound CHECK (y = 2024) NOT VALID;\n{Attach}", true },
        new object[] { $"ALTER TABLE events_2024 ADD CONSTRAINT bound CHECK (y = 2024) NOT VALID;\nALTER TABLE events_2024 VALIDATE CONSTRAINT bound;\n{Attach}", false },
        new object[] { $"ALTER TABLE public.events_2024 ADD CONSTRAINT bound CHECK (y = 2024);\n{Attach}", false },
        new object[] { $"ALTER TABLE other.events_2024 ADD CONSTRAINT bound CHECK (y = 2024);\n{Attach}", true },
    ];

    [TestCaseSource(nameof(Scripts))]
    public async Task The_server_skips_the_scan_exactly_when_the_lint_stays_quiet(string script, bool scans)
    {
        var warns = LintRun.Findings(script).Any(f => f.Code == LintRules.AttachPartitionScan.Code);
        await using var database = await TestDatabase.CreateAsync();
        await using var connection = await database.OpenConnectionAsync();
        var notices = await ServerScript.DebugMessagesOfLastAsync(connection, """
            CREATE SCHEMA other;
            CREATE TABLE events (y int NOT NULL) PARTITION BY LIST (y);
            CREATE TABLE events_2024 (y int NOT NULL);
            CREATE TABLE other.events_2024 (y int NOT NULL);
            INSERT INTO events_2024 VALUES (2024);
            """, script);

        var skipped = notices.Any(n => n.Contains("is implied by existing constraints", StringComparison.Ordinal));
        Assert.That((warns, skipped), Is.EqualTo((scans, !scans)), string.Join('\n', notices));
    }
}
