namespace MigrationTasks.Postgres.Tests.Lint;

public sealed class LockTimeoutRuleTests
{
    private static List<string> Codes(string sql, string file = "0001_x.sql") =>
        LintRun.Findings(sql, file, withLockTimeout: true).Where(f => f.Code == "MT2153").Select(f => f.Message).ToList();

    [TestCase("ALTER TABLE orders ADD COLUMN note text", "ACCESS EXCLUSIVE on orders")]
    [TestCase("DROP TABLE orders", "ACCESS EXCLUSIVE on orders")]
    [TestCase("TRUNCATE orders", "ACCESS EXCLUSIVE on orders")]
    [TestCase("DROP INDEX orders_total_idx", "ACCESS EXCLUSIVE on the table of index orders_total_idx")]
    public void An_access_exclusive_statement_without_a_lock_timeout_is_warned_about(string statement, string subject)
    {
        var message = Codes($"{statement};").Single();

        Assert.That(message, Does.StartWith(subject).And.Contain("-- migrate:lock-timeout"));
    }

    [TestCase("-- migrate:lock-timeout 5s\nALTER TABLE orders ADD COLUMN note text;")]
    [TestCase("SET lock_timeout = '5s';\nALTER TABLE orders ADD COLUMN note text;")]
    [TestCase("SET LOCAL lock_timeout TO '2s';\nALTER TABLE orders ADD COLUMN note text;")]
    [TestCase("CREATE TABLE t (n bigint);\nALTER TABLE t ADD COLUMN note text;")]
    [TestCase("CREATE INDEX CONCURRENTLY i ON orders (total);")]
    [TestCase("ALTER TABLE orders VALIDATE CONSTRAINT c;")]
    [TestCase("UPDATE orders SET total = 0 WHERE id = 1;")]
    [TestCase("-- migrate:allow missing-lock-timeout orders is read only at night\nALTER TABLE orders ADD COLUMN note text;")]
    public void A_lock_timeout_a_new_table_or_a_lighter_lock_needs_no_warning(string sql)
    {
        Assert.That(Codes(sql), Is.Empty);
    }

    [Test]
    public void A_set_lock_timeout_covers_only_the_statements_after_it()
    {
        Assert.That(Codes("ALTER TABLE a ADD COLUMN x text;\nSET lock_timeout = '5s';\nALTER TABLE b ADD COLUMN y text;"), Has.Count.EqualTo(1));
    }
}
