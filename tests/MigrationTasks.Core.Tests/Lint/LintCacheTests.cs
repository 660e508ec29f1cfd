using MigrationTasks.Diagnostics;
using MigrationTasks.Files;
using MigrationTasks.Lint;
using MigrationTasks.Postgres.Dialect;

namespace MigrationTasks.Core.Tests.Lint;

/// <summary>
/// The build keeps each file's lint findings by a key over the file and everything before it: a build after
/// one new migration lints that one file, and what comes from the cache is exactly what linting would say.
/// </summary>
public sealed class LintCacheTests
{
    private const string Tool = "tool 1";

    private MigrationFolder _folder = null!;
    private string _cacheFile = null!;

    [SetUp]
    public void SetUp()
    {
        _folder = new MigrationFolder();
        _cacheFile = Path.Combine(_folder.Path, "obj", "MigrationTasks.lint.cache");
        _folder.Write("0001_check.sql", "-- migrate:lock-timeout 5s\nALTER TABLE orders ADD CONSTRAINT total_not_null CHECK (total IS NOT NULL) NOT VALID;");
        _folder.Write("0002_validate.sql", "-- migrate:lock-timeout 5s\nALTER TABLE orders VALIDATE CONSTRAINT total_not_null;\nALTER TABLE orders ALTER COLUMN total SET NOT NULL;");
        _folder.Write("0003_cleanup.sql", "-- migrate:lock-timeout 5s\nTRUNCATE audit;\n-- a tab\there and a note\nDROP TABLE \"odd\ttable\";");
        _folder.Write("0003_cleanup.down.sql", "CREATE TABLE audit (id int);");
    }

    [TearDown]
    public void TearDown() => _folder.Dispose();

    private (List<string> Findings, int Misses) Lint(string rules = Tool, IReadOnlyDictionary<string, DiagnosticSeverity?>? severities = null)
    {
        var set = MigrationDirectory.Load(PostgresDialect.Instance, _folder.Path);
        var cache = LintCache.Open(_cacheFile, rules);
        var findings = LintPass.Run(PostgresDialect.Instance, set, severities, cache: cache).ReportedWith(set);
        cache.Save();
        return ([.. findings.Select(d => $"{d} [{d.Setting}]")], cache.Misses);
    }

    private List<string> Uncached(IReadOnlyDictionary<string, DiagnosticSeverity?>? severities = null)
    {
        var set = MigrationDirectory.Load(PostgresDialect.Instance, _folder.Path);
        return [.. LintPass.Run(PostgresDialect.Instance, set, severities).ReportedWith(set).Select(d => $"{d} [{d.Setting}]")];
    }

    [Test]
    public void A_second_run_lints_nothing_and_reports_exactly_what_linting_reports()
    {
        var first = Lint();
        var second = Lint();

        Assert.That(first.Misses, Is.EqualTo(4));
        Assert.That(second.Misses, Is.Zero);
        Assert.That(second.Findings, Is.EqualTo(Uncached()));
        Assert.That(second.Findings, Is.Not.Empty, "the folder has findings, so the comparison means something");
    }

    [Test]
    public void A_new_migration_at_the_end_is_the_only_file_linted()
    {
        Lint();
        _folder.Write("0004_more.sql", "-- migrate:lock-timeout 5s\nTRUNCATE more;");

        var (findings, misses) = Lint();

        Assert.That(misses, Is.EqualTo(1));
        Assert.That(findings, Is.EqualTo(Uncached()));
    }

    [Test]
    public void Editing_a_file_relints_it_and_every_file_after_it_whose_rules_may_read_it()
    {
        Lint();
        // Without the NOT VALID check of 0001, the SET NOT NULL of 0002 is a finding again: its cached "clean" must not be reused.
        _folder.Write("0001_check.sql", "-- migrate:lock-timeout 5s\nSELECT 1;");

        var (findings, misses) = Lint();

        Assert.That(misses, Is.EqualTo(4));
        Assert.That(findings, Is.EqualTo(Uncached()));
        Assert.That(findings, Has.Some.Contains(LintRules.SetNotNull.Code));
    }

    [Test]
    public void Other_severities_or_another_build_of_the_rules_never_read_the_old_findings()
    {
        Lint();
        var severities = new Dictionary<string, DiagnosticSeverity?> { [LintRules.Truncate.Id] = null };

        Assert.That(Lint(severities: severities).Misses, Is.EqualTo(4));
        Assert.That(Lint(severities: severities).Findings, Is.EqualTo(Uncached(severities)));
        Assert.That(Lint(rules: "tool 2").Misses, Is.EqualTo(4));
    }

    [Test]
    public void A_damaged_cache_file_is_an_empty_cache()
    {
        Lint();
        File.WriteAllText(_cacheFile, "migrationtasks-lint-cache 1\nnot-a-key\tthree\n");

        var (findings, misses) = Lint();

        Assert.That(misses, Is.EqualTo(4));
        Assert.That(findings, Is.EqualTo(Uncached()));
        Assert.That(Lint().Misses, Is.Zero, "the damaged file was replaced");
    }
}
