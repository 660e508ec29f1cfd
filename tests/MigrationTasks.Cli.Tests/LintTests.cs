using System.Text.Json;
using MigrationTasks.Cli.Tests.Support;
using MigrationTasks.Execution;

namespace MigrationTasks.Cli.Tests;

/// <summary>`migrations lint` needs no database: none of these tests give it a connection.</summary>
public sealed class LintTests
{
    private Migrations _migrations = null!;

    [SetUp]
    public void SetUp() => _migrations = new Migrations()
        .Add("0001_create_orders.sql", "CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, note text);");

    [TearDown]
    public void TearDown() => _migrations.Dispose();

    [Test]
    public async Task An_error_finding_exits_3_with_file_line_and_column()
    {
        _migrations.Add("0002_cleanup.sql", "-- migrate:lock-timeout 5s\nALTER TABLE orders\n  DROP COLUMN note;");

        var result = await Tool.RunAsync("lint", "--dir", _migrations.Path);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.InvalidMigrations), result.ToString());
        Assert.That(result.Error, Does.Contain("0002_cleanup.sql(3,3): error MT2102: DROP COLUMN orders.note"));
        Assert.That(result.Output, Does.Contain("Linted 2 migration(s)").And.Contain("1 error(s), 0 warning(s)"));
    }

    [Test]
    public async Task Warnings_alone_exit_0()
    {
        _migrations.Add("0002_index.sql", "DROP INDEX orders_note_idx;");

        var result = await Tool.RunAsync("lint", "--dir", _migrations.Path);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Error, Does.Contain("warning MT2121"));
    }

    [Test]
    public async Task A_waived_finding_passes()
    {
        _migrations.Add("0002_cleanup.sql", "-- migrate:lock-timeout 5s\n-- migrate:allow drop-column notes moved to order_notes in release 41\nALTER TABLE orders DROP COLUMN note;");

        var result = await Tool.RunAsync("lint", "--dir", _migrations.Path);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Contain("0 error(s), 0 warning(s)"));
    }

    [Test]
    public async Task Json_output_gives_one_diagnostic_event_per_finding()
    {
        _migrations.Add("0002_cleanup.sql", "SET lock_timeout = '5s';\nTRUNCATE orders;\nUPDATE orders SET note = '';");

        var result = await Tool.RunAsync("lint", "--dir", _migrations.Path, "--output", "json");

        var events = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        var diagnostics = events.Where(e => e.GetProperty("event").GetString() == "diagnostic")
            .Select(e => (e.GetProperty("code").GetString(), e.GetProperty("severity").GetString(), e.GetProperty("line").GetInt32()));
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.InvalidMigrations), result.ToString());
        Assert.That(diagnostics, Is.EqualTo(new[] { ("MT2104", "error", 2), ("MT2106", "warning", 3) }));
        Assert.That(events[^1].GetProperty("event").GetString(), Is.EqualTo("notice"));
    }

    [Test]
    public async Task The_sample_migrations_lint_clean()
    {
        var result = await Tool.RunAsync("lint", "--dir", SampleMigrations());

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Contain("Linted 5 migration(s)").And.Contain("0 error(s), 0 warning(s)"));
    }

    [Test]
    public async Task Without_its_waiver_the_sample_gives_exactly_the_set_not_null_warning()
    {
        using var copy = new Migrations();
        foreach (var file in Directory.GetFiles(SampleMigrations(), "*.sql"))
        {
            var lines = File.ReadAllLines(file).Where(line => !line.StartsWith("-- migrate:allow", StringComparison.Ordinal));
            copy.Add(Path.GetFileName(file), string.Join('\n', lines));
        }

        var result = await Tool.RunAsync("lint", "--dir", copy.Path);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Error, Does.Contain("0004_backfill_order_totals.sql(16,39): warning MT2126: SET NOT NULL on orders.total"));
        Assert.That(result.Error.Trim().Split('\n'), Has.Length.EqualTo(1));
    }

    [Test]
    public async Task Migrations_yaml_can_lower_a_rule_to_a_warning()
    {
        _migrations.Add("0002_cleanup.sql", "ALTER TABLE orders DROP COLUMN note;");
        var config = Path.Combine(_migrations.Path, "migrations.yaml");
        File.WriteAllText(config, "lint:\n  drop-column: warning\n");

        var result = await Tool.RunAsync("lint", "--dir", _migrations.Path, "--config", config);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Error, Does.Contain("warning MT2102"));
    }

    [Test]
    public async Task Sarif_lists_the_findings_with_their_rule_and_place()
    {
        _migrations.Add("0002_cleanup.sql", "-- migrate:lock-timeout 5s\nTRUNCATE orders;");
        var sarif = Path.Combine(_migrations.Path, "lint.sarif");

        var result = await Tool.RunAsync("lint", "--dir", _migrations.Path, "--sarif", sarif);

        using var log = JsonDocument.Parse(File.ReadAllText(sarif));
        var run = log.RootElement.GetProperty("runs")[0];
        var finding = run.GetProperty("results")[0];
        var place = finding.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.InvalidMigrations), result.ToString());
        Assert.That(log.RootElement.GetProperty("version").GetString(), Is.EqualTo("2.1.0"));
        Assert.That((finding.GetProperty("ruleId").GetString(), finding.GetProperty("level").GetString()), Is.EqualTo(("MT2104", "error")));
        Assert.That(place.GetProperty("artifactLocation").GetProperty("uri").GetString(), Does.EndWith("/0002_cleanup.sql"));
        Assert.That(place.GetProperty("region").GetProperty("startLine").GetInt32(), Is.EqualTo(2));
        Assert.That(run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("name").GetString()),
            Does.Contain("truncate"));
    }

    [Test]
    public async Task Sarif_gives_each_code_it_reports_a_help_link()
    {
        _migrations.Add("0002_cleanup.sql", "-- migrate:lock-timeout 5s\nTRUNCATE orders;").Add("0003_empty.sql", "-- nothing yet\n");
        var sarif = Path.Combine(_migrations.Path, "lint.sarif");

        await Tool.RunAsync("lint", "--dir", _migrations.Path, "--sarif", sarif);

        using var log = JsonDocument.Parse(File.ReadAllText(sarif));
        var rules = log.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray()
            .ToDictionary(r => r.GetProperty("id").GetString()!, r => r.GetProperty("helpUri").GetString());
        Assert.That(rules["MT2104"], Does.EndWith("/docs/diagnostics.md#mt2104"));
        Assert.That(rules["MT1008"], Does.EndWith("/docs/diagnostics.md#mt1008"));
    }

    [Test]
    public async Task Sarif_of_a_sqlite_project_describes_no_postgresql_rule()
    {
        var config = Path.Combine(_migrations.Path, "migrations.yaml");
        File.WriteAllText(config, "engine: sqlite\n");
        var sarif = Path.Combine(_migrations.Path, "lint.sarif");

        var result = await Tool.RunAsync("lint", "--dir", _migrations.Path, "--config", config, "--sarif", sarif);

        using var log = JsonDocument.Parse(File.ReadAllText(sarif));
        var rules = log.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(rules.EnumerateArray().Select(r => r.GetProperty("id").GetString()), Has.None.StartsWith("MT21"));
        Assert.That(File.ReadAllText(sarif), Does.Not.Contain("CONCURRENTLY").And.Not.Contain("pg_repack"));
    }

    private static string SampleMigrations()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MigrationTasks.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory!.FullName, "samples", "Inventory.Service", "migrations");
    }
}
