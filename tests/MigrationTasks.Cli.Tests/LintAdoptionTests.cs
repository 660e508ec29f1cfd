using MigrationTasks.Cli.Tests.Support;
using MigrationTasks.Execution;

namespace MigrationTasks.Cli.Tests;

/// <summary>
/// Lint adopts too (docs/lint.md): migrations from before adoption never block a run, new ones are held
/// to the rules, other linters' waivers count, and status and plan show findings instead of refusing.
/// </summary>
public sealed class LintAdoptionTests : DatabaseTest
{
    private Migrations _migrations = null!;
    private string _config = null!;

    [SetUp]
    public void CreateFolder()
    {
        // Two migrations that ran in production under another tool, each breaking a rule, and one new one.
        _migrations = new Migrations()
            .Add("0001_create_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, legacy text, other text);")
            .Add("0002_drop_legacy.sql", "ALTER TABLE users DROP COLUMN legacy;")
            .Add("0003_drop_other.sql", "ALTER TABLE users DROP COLUMN other;");
        _config = Path.Combine(_migrations.Path, "migrations.yaml");
    }

    [TearDown]
    public void RemoveFolder() => _migrations.Dispose();

    [Test]
    public async Task Lint_since_holds_only_migrations_above_it_to_the_rules()
    {
        File.WriteAllText(_config, "lint:\n  since: 0002\n");

        var blocked = await Run(_migrations, "up", "--config", _config);
        File.WriteAllText(_config, "lint:\n  since: 3\n");
        var adopted = await Run(_migrations, "up", "--config", _config);

        Assert.That(blocked.ExitCode, Is.EqualTo(ExitCodes.InvalidMigrations), blocked.ToString());
        Assert.That(blocked.Error, Does.Contain("0003_drop_other.sql(1,19): error MT2102").And.Not.Contain("0002_drop_legacy.sql"));
        Assert.That(adopted.ExitCode, Is.Zero, adopted.ToString());
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM migrationtasks_history"), Is.EqualTo(3));
    }

    [Test]
    public async Task Lint_since_applies_to_the_lint_command_as_to_the_build()
    {
        File.WriteAllText(_config, "lint:\n  since: 2\n");

        var result = await Tool.RunAsync("lint", "--dir", _migrations.Path, "--config", _config);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.InvalidMigrations), result.ToString());
        Assert.That(result.Error, Does.Contain("0003_drop_other.sql").And.Not.Contain("0002_drop_legacy.sql"));
    }

    [Test]
    public async Task Lint_enabled_false_turns_the_rules_off_but_not_the_file_checks()
    {
        File.WriteAllText(_config, "lint:\n  enabled: false\n");
        _migrations.Add("0004_bad.sql", "-- migrate:frobnicate\nSELECT 1;");

        var withBadFile = await Run(_migrations, "up", "--config", _config);
        File.Delete(Path.Combine(_migrations.Path, "0004_bad.sql"));
        var up = await Run(_migrations, "up", "--config", _config);

        Assert.That(withBadFile.ExitCode, Is.EqualTo(ExitCodes.InvalidMigrations), withBadFile.ToString());
        Assert.That(withBadFile.Error, Does.Contain("MT1006").And.Not.Contain("MT2102"));
        Assert.That(up.ExitCode, Is.Zero, up.ToString());
        Assert.That(up.All, Does.Not.Contain("MT2102"));
    }

    [Test]
    public async Task Status_and_plan_print_the_table_and_the_plan_with_the_findings_and_exit_3()
    {
        var status = await Run(_migrations, "status");
        var plan = await Run(_migrations, "plan");

        Assert.That(status.ExitCode, Is.EqualTo(ExitCodes.InvalidMigrations), status.ToString());
        Assert.That(status.Output, Does.Contain("0003").And.Contain("drop_other").And.Contain("0 applied, 3 pending"));
        Assert.That(status.Error, Does.Contain("0002_drop_legacy.sql(1,19): error MT2102").And.Contain("0003_drop_other.sql(1,19): error MT2102"));
        Assert.That(plan.ExitCode, Is.EqualTo(ExitCodes.InvalidMigrations), plan.ToString());
        Assert.That(plan.Output, Does.Contain("Plan: 3 migrations would be applied").And.Contain("ALTER TABLE users DROP COLUMN other;"));
        Assert.That(plan.Error, Does.Contain("error MT2102"));
        Assert.That(await Database.ScalarAsync<bool>("SELECT to_regclass('migrationtasks_history') IS NULL"), Is.True);
    }

    [TestCase("-- atlas:nolint\nALTER TABLE users DROP COLUMN other;")]
    [TestCase("-- atlas:nolint DS103\nALTER TABLE users DROP COLUMN other;")]
    [TestCase("-- atlas:nolint destructive\nALTER TABLE users DROP COLUMN other;")]
    [TestCase("-- squawk-ignore ban-drop-column\nALTER TABLE users DROP COLUMN other;")]
    [TestCase("-- squawk-ignore-file\nSELECT 1;\nALTER TABLE users DROP COLUMN other;")]
    [TestCase("-- squawk-ignore-file prefer-robust-stmts, ban-drop-column\nSELECT 1;\nALTER TABLE users DROP COLUMN other;")]
    public async Task Another_linters_waiver_is_honoured_as_ours(string migration)
    {
        _migrations.Add("0002_drop_legacy.sql", "-- atlas:nolint\nALTER TABLE users DROP COLUMN legacy;");
        _migrations.Add("0003_drop_other.sql", migration);

        var up = await Run(_migrations, "up");

        Assert.That(up.ExitCode, Is.Zero, up.ToString());
        Assert.That(up.All, Does.Not.Contain("MT2102").And.Not.Contain("MT2190").And.Not.Contain("MT2191"));
    }

    [TestCase("-- atlas:nolint DS102\nALTER TABLE users DROP COLUMN other;", TestName = "A waiver of another check")]
    [TestCase("-- squawk-ignore no-such-rule\nALTER TABLE users DROP COLUMN other;", TestName = "An unknown foreign rule name")]
    [TestCase("-- squawk-ignore ban-drop-column\nSELECT 1;\nALTER TABLE users DROP COLUMN other;", TestName = "A statement waiver placed before another statement")]
    public async Task A_foreign_waiver_covers_only_what_it_names(string migration)
    {
        _migrations.Add("0002_drop_legacy.sql", "-- atlas:nolint\nALTER TABLE users DROP COLUMN legacy;");
        _migrations.Add("0003_drop_other.sql", migration);

        var up = await Run(_migrations, "up");

        Assert.That(up.ExitCode, Is.EqualTo(ExitCodes.InvalidMigrations), up.ToString());
        Assert.That(up.Error, Does.Contain("0003_drop_other.sql").And.Contain("error MT2102"));
    }
}
