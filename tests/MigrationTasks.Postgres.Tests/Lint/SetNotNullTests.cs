namespace MigrationTasks.Postgres.Tests.Lint;

/// <summary>
/// SET NOT NULL scans the table under an ACCESS EXCLUSIVE lock unless a validated CHECK (column IS NOT
/// NULL) proves it has no nulls (PostgreSQL 12+). <see cref="SetNotNullServerTests"/> checks the same
/// scripts against the server's own decision.
/// </summary>
public sealed class SetNotNullTests
{
    internal const string NoTransaction = "-- migrate:no-transaction\n";

    private const string SetNotNull = "\nALTER TABLE orders ALTER COLUMN total SET NOT NULL;";

    /// <summary>Scripts over orders (id, total, note) whose last statement sets total NOT NULL, and whether that warns.</summary>
    internal static readonly object[] Scripts =
    [
        new object[] { "ALTER TABLE orders ADD CONSTRAINT total_nn CHECK (total IS NOT NULL) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT total_nn;" + SetNotNull, false },
        new object[] { "ALTER TABLE public.orders ADD CONSTRAINT total_nn CHECK ((total IS NOT NULL)) NOT VALID;\nALTER TABLE \"orders\" VALIDATE CONSTRAINT total_nn;" + SetNotNull, false },
        new object[] { "ALTER TABLE orders ADD CONSTRAINT total_nn CHECK (total > 0 AND total IS NOT NULL) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT total_nn;" + SetNotNull, false },
        new object[] { "ALTER TABLE orders ADD CONSTRAINT total_nn CHECK (total IS NOT NULL);" + SetNotNull, false },
        new object[] { "ALTER TABLE orders ADD CHECK ((total IS NOT NULL)) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;" + SetNotNull, false },
        new object[] { "ALTER TABLE orders ADD CONSTRAINT total_nn CHECK (total IS NOT NULL) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT total_nn, ALTER COLUMN note SET DEFAULT '';" + SetNotNull, false },
        new object[] { "ALTER TABLE orders ADD COLUMN paid boolean DEFAULT false CONSTRAINT paid_nn CHECK (paid IS NOT NULL);\nALTER TABLE orders ALTER COLUMN paid SET NOT NULL;", false },
        new object[] { "ALTER TABLE orders ADD CONSTRAINT total_nn CHECK (total IS NOT NULL) NOT VALID;" + SetNotNull, true },
        new object[] { "ALTER TABLE orders ADD CONSTRAINT note_nn CHECK (note IS NOT NULL) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT note_nn;" + SetNotNull, true },
        new object[] { "ALTER TABLE orders ADD CONSTRAINT total_nn CHECK (total IS NOT NULL OR note IS NOT NULL) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT total_nn;" + SetNotNull, true },
        new object[] { "ALTER TABLE orders ADD CONSTRAINT total_nn CHECK (total > 0) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT total_nn;" + SetNotNull, true },
        new object[] { "ALTER TABLE other.orders ADD CONSTRAINT total_nn CHECK (total IS NOT NULL) NOT VALID;\nALTER TABLE other.orders VALIDATE CONSTRAINT total_nn;" + SetNotNull, true },
        new object[] { "ALTER TABLE orders ADD CONSTRAINT total_nn CHECK (total IS NOT NULL) NOT VALID;\nALTER TABLE orders ADD CONSTRAINT other_check CHECK (note <> '') NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT other_check;" + SetNotNull, true },
        new object[] { "SELECT 'ALTER TABLE orders ADD CHECK (total IS NOT NULL)';" + SetNotNull, true },
        new object[] { "ALTER TABLE orders ADD CONSTRAINT total_nn CHECK (total IS NOT NULL) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT total_nn, ALTER COLUMN total SET NOT NULL;", true },
        new object[] { "ALTER TABLE orders ADD CONSTRAINT total_nn CHECK (total IS NOT NULL), ALTER COLUMN total SET NOT NULL;", true },
    ];

    [TestCaseSource(nameof(Scripts))]
    public void Set_not_null_warns_unless_an_earlier_statement_validated_a_not_null_check(string script, bool warns)
    {
        var findings = LintRun.Findings(NoTransaction + script);

        Assert.That(findings.Any(f => f.Code == "MT2126"), Is.EqualTo(warns));
    }

    [Test]
    public void A_check_validated_in_the_same_statement_does_not_count()
    {
        // PostgreSQL sets NOT NULL before it validates: the statement scans under its lock.
        var sql = "ALTER TABLE orders ADD CONSTRAINT total_nn CHECK (total IS NOT NULL) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT total_nn, ALTER COLUMN total SET NOT NULL;";

        Assert.That(LintRun.Findings(NoTransaction + sql).Select(f => (f.Code, f.Line)), Is.EqualTo(new[] { ("MT2126", 3) }));
    }

    [Test]
    public void A_check_added_in_the_same_statement_does_not_count()
    {
        var sql = "ALTER TABLE orders ADD CONSTRAINT total_nn CHECK (total IS NOT NULL), ALTER COLUMN total SET NOT NULL;";

        Assert.That(LintRun.Findings(NoTransaction + sql).Select(f => f.Code), Is.EqualTo(new[] { "MT2124", "MT2126" }));
    }

    [Test]
    public void In_one_transaction_the_validate_is_reported_and_set_not_null_is_not()
    {
        var sql = "ALTER TABLE orders ADD CONSTRAINT total_nn CHECK (total IS NOT NULL) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT total_nn;\nALTER TABLE orders ALTER COLUMN total SET NOT NULL;";

        Assert.That(LintRun.Findings(sql).Select(f => (f.Code, f.Line)), Is.EqualTo(new[] { ("MT2124", 2) }));
    }

    [Test]
    public void Plan_shows_no_scan_for_set_not_null_after_a_validated_check()
    {
        var statements = MigrationTasks.Sql.SqlSplitter.Split(
            "ALTER TABLE orders ADD CONSTRAINT total_nn CHECK (total IS NOT NULL) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT total_nn;\nALTER TABLE orders ALTER COLUMN total SET NOT NULL;\nALTER TABLE orders ALTER COLUMN note SET NOT NULL;").Statements;

        var locks = MigrationTasks.Lint.StatementLocks.Describe(statements).Select(l => l?.ToString());

        Assert.That(locks, Is.EqualTo(new[]
        {
            "ACCESS EXCLUSIVE on orders", "SHARE UPDATE EXCLUSIVE on orders", "ACCESS EXCLUSIVE on orders", "ACCESS EXCLUSIVE on orders, scans every row",
        }));
    }
}
