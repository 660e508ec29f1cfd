using MigrationTasks.Testing;

namespace MigrationTasks.Postgres.Tests.Lint;

/// <summary>
/// The lint's SET NOT NULL decision agrees with the server's: at client_min_messages = debug1,
/// PostgreSQL says "existing constraints on column ... are sufficient to prove that it does not
/// contain nulls" exactly when it skips the scan.
/// </summary>
public sealed class SetNotNullServerTests
{
    [TestCaseSource(typeof(SetNotNullTests), nameof(SetNotNullTests.Scripts))]
    public async Task The_server_skips_the_scan_exactly_when_the_lint_stays_quiet(string script, bool warns)
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var connection = await database.OpenConnectionAsync();
        var notices = await ServerScript.DebugMessagesOfLastAsync(connection, """
            CREATE SCHEMA other;
            CREATE TABLE orders (id bigint, total numeric, note text);
            CREATE TABLE other.orders (id bigint, total numeric);
            INSERT INTO orders SELECT g, g, 'n' FROM generate_series(1, 100) g;
            INSERT INTO other.orders SELECT g, g FROM generate_series(1, 100) g;
            """, script);

        var skipped = notices.Any(n => n.Contains("sufficient to prove that it does not contain nulls", StringComparison.Ordinal));
        Assert.That(skipped, Is.EqualTo(!warns), string.Join('\n', notices));
    }
}
