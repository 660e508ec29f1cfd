using MigrationTasks.Core.Tests;
using MigrationTasks.Files;
using MigrationTasks.Lint;
using MigrationTasks.Testing;

namespace MigrationTasks.Postgres.Tests.Lint;

/// <summary>The README's sample service: its migrations lint clean, for the reasons one would expect.</summary>
public sealed class SampleLintTests
{
    private static readonly string Folder = Path.Combine(Repository.Root(), "samples", "Inventory.Service", "migrations");

    [Test]
    public void The_sample_has_no_findings_and_every_waiver_is_used()
    {
        var set = Linted.Load(Folder);

        Assert.That(set.Diagnostics, Is.Empty);
        Assert.That(set.Migrations, Has.Count.EqualTo(5));
    }

    [Test]
    public void Without_waivers_or_lock_timeouts_the_sample_gives_exactly_these_findings()
    {
        var findings = new List<(string File, string Code, int Line)>();
        foreach (var path in Directory.GetFiles(Folder, "*.sql").Order(StringComparer.Ordinal))
        {
            var text = string.Join('\n', File.ReadAllLines(path).Where(l => !l.StartsWith("-- migrate:allow", StringComparison.Ordinal) && !l.StartsWith("-- migrate:lock-timeout", StringComparison.Ordinal)));
            findings.AddRange(LintRun.Findings(text, Path.GetFileName(path), withLockTimeout: true).Select(d => (d.File!, d.Code, d.Line)));
        }

        Assert.That(findings, Is.EqualTo(new[]
        {
            // 0002's down script drops what its up created: down scripts are exempt from the destructive rules and from the lock timeout.
            ("0004_backfill_order_totals.sql", "MT2153", 3), // ADD COLUMN: ACCESS EXCLUSIVE on orders, no lock_timeout
            ("0004_backfill_order_totals.sql", "MT2126", 15), // SET NOT NULL without a validated check
            ("0004_backfill_order_totals.sql", "MT2153", 15),
        }));
    }

    [Test]
    public void Plan_locks_of_the_sample_name_each_existing_table_a_statement_locks()
    {
        var set = Linted.Load(Folder);
        var locks = set.Migrations.SelectMany(m => StatementLocks.Describe(m.Up.Statements).Select(l => (m.VersionText, l?.ToString()))).Where(l => l.Item2 is not null);

        Assert.That(locks, Is.EqualTo(new[]
        {
            ("0003", "SHARE UPDATE EXCLUSIVE on orders, builds the index without blocking writes"),
            ("0004", "ACCESS EXCLUSIVE on orders"),
            ("0004", "ACCESS EXCLUSIVE on orders, scans every row"),
        }));
    }

}
