using MigrationTasks.Diagnostics;
using MigrationTasks.Files;
using MigrationTasks.Lint;
using MigrationTasks.Postgres.Dialect;

namespace MigrationTasks.Core.Tests.Lint;

/// <summary>Linting is its own step over migrations already read; reading never lints.</summary>
public sealed class LintPassTests
{
    [Test]
    public void Reading_a_folder_reports_file_problems_but_no_lint_finding()
    {
        using var folder = new MigrationFolder();
        folder.Write("0001_cleanup.sql", "-- migrate:lock-timeout 5s\nTRUNCATE audit;");

        var set = MigrationDirectory.Load(PostgresDialect.Instance, folder.Path);
        var findings = LintPass.Run(PostgresDialect.Instance, set, null);

        Assert.That(set.Diagnostics, Is.Empty);
        Assert.That(findings.All.Select(d => d.Code), Is.EqualTo(new[] { LintRules.Truncate.Code }));
    }

    [Test]
    public void Each_files_findings_are_reported_after_its_own_problems_and_before_the_next_files()
    {
        using var folder = new MigrationFolder();
        folder.Write("0001_cleanup.sql", "-- migrate:lock-timeout 5s\nTRUNCATE audit;");
        folder.Write("0002_nothing.sql", "-- nothing yet");
        folder.Write("0003_orphan.down.sql", "-- migrate:lock-timeout 5s\nTRUNCATE audit;");

        var set = MigrationDirectory.Load(PostgresDialect.Instance, folder.Path);
        var reported = LintPass.Run(PostgresDialect.Instance, set, null).ReportedWith(set);

        Assert.That(reported.Select(d => (d.Code, Path.GetFileName(d.File))), Is.EqualTo(new[]
        {
            (LintRules.Truncate.Code, "0001_cleanup.sql"),
            (DiagnosticCodes.EmptyMigration, "0002_nothing.sql"),
            (DiagnosticCodes.DownWithoutUp, "0003_orphan.down.sql"),
        }));
    }

    [Test]
    public void Migrations_outside_the_lint_scope_are_not_judged()
    {
        using var folder = new MigrationFolder();
        folder.Write("0001_old.sql", "-- migrate:lock-timeout 5s\nTRUNCATE audit;");
        folder.Write("0002_new.sql", "-- migrate:lock-timeout 5s\nTRUNCATE audit;");

        var set = MigrationDirectory.Load(PostgresDialect.Instance, folder.Path);
        var findings = LintPass.Run(PostgresDialect.Instance, set, null, new LintScope(true, MigrationVersion.Parse("1")));

        Assert.That(findings.All.Select(d => Path.GetFileName(d.File)), Is.EqualTo(new[] { "0002_new.sql" }));
    }

    [Test]
    public void Configured_severities_reach_the_findings()
    {
        using var folder = new MigrationFolder();
        folder.Write("0001_cleanup.sql", "-- migrate:lock-timeout 5s\nTRUNCATE audit;");

        var set = MigrationDirectory.Load(PostgresDialect.Instance, folder.Path);
        var findings = LintPass.Run(PostgresDialect.Instance, set, new Dictionary<string, DiagnosticSeverity?> { [LintRules.Truncate.Id] = DiagnosticSeverity.Warning });

        Assert.That(findings.All.Select(d => d.Severity), Is.EqualTo(new[] { DiagnosticSeverity.Warning }));
        Assert.That(findings.HasErrors, Is.False);
    }
}
