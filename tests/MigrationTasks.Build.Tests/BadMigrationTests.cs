using System.Text.RegularExpressions;
using MigrationTasks.Build.Tests.Support;

namespace MigrationTasks.Build.Tests;

/// <summary>
/// One project holding one migration of each bad kind, built once: every problem is reported in the
/// same build as an MSBuild error with its MT code, file, line and column.
/// </summary>
public sealed class BadMigrationTests
{
    private TestProject _project = null!;
    private ProcessResult _build = null!;
    private ProcessResult _designTimeBuild = null!;

    [OneTimeSetUp]
    public async Task BuildOnce()
    {
        _project = await TestProject.CreateAsync("Broken");
        _project.Migration("0001_ok.sql", "CREATE TABLE ok (id int);");
        _project.Migration("0005_later.sql", "CREATE TABLE later (id int);");
        SumFiles.Record(_project, "0001_ok.sql", "0005_later.sql");
        _project.Migration("0003_merged_late.sql", "SELECT 1;");
        _project.Migration("0006_vacuum.sql", "CREATE TABLE v (id int);\nVACUUM v;");
        _project.Migration("0007_typo.sql", "-- migrate:no-transactions\nSELECT 1;");
        _project.Migration("0008_unterminated.sql", "SELECT 1;\nSELECT 'oops;\n");
        _project.WriteBytes(Path.Combine("migrations", "0009_latin1.sql"), [.. "SELECT 1;\n"u8, 0xE9, .. ";\n"u8]);
        _project.Migration("0010_dup.sql", "SELECT 1;");
        _project.Migration("0010_dup_again.sql", "SELECT 2;");
        _project.Migration("0011-dash.sql", "SELECT 1;");
        _project.Migration("0012_orphan.down.sql", "SELECT 1;");
        _project.Migration("0013_drop_column.sql", "ALTER TABLE ok\n  DROP COLUMN id;");
        _project.Migration("0014_drop_index.sql", "SELECT 1;\nDROP INDEX ok_idx;");
        _project.Migration("0015_truncate.sql", "TRUNCATE later;");
        _project.Write("migrations.yaml", "lint:\n  truncate: off\n");

        _build = await _project.BuildAsync();
        _designTimeBuild = await _project.BuildAsync("-p:DesignTimeBuild=true");
    }

    [TestCase("MT1017", "0003_merged_late.sql(1,1)")]
    [TestCase("MT1018", "0006_vacuum.sql(2,1)")]
    [TestCase("MT1006", "0007_typo.sql(1,4)")]
    [TestCase("MT1005", "0008_unterminated.sql(2,8)")]
    [TestCase("MT1004", "0009_latin1.sql(2,1)")]
    [TestCase("MT1002", "0010_dup_again.sql")]
    [TestCase("MT1001", "0011-dash.sql")]
    [TestCase("MT1003", "0012_orphan.down.sql")]
    [TestCase("MT2102", "0013_drop_column.sql(2,3)")]
    public void Each_bad_migration_fails_the_build_with_its_code_file_and_position(string code, string place)
    {
        Assert.That(_build.ExitCode, Is.Not.Zero);
        Assert.That(_build.Output, Does.Match(Reported(place, "error", code)), _build.ToString());
    }

    [Test]
    public void A_lint_warning_is_an_msbuild_warning_with_its_position()
    {
        Assert.That(_build.Output, Does.Match(Reported("0014_drop_index.sql(2,1)", "warning", "MT2121")), _build.ToString());
    }

    [Test]
    public void Migrations_yaml_next_to_the_project_sets_lint_severities()
    {
        Assert.That(_build.Output, Does.Not.Contain("MT2104"), _build.ToString());
    }

    private string Reported(string place, string severity, string code)
    {
        var expected = $"{Path.Combine(_project.Migrations, place)}( )?: MigrationTasks {severity} {code}: ";
        return Regex.Escape(expected).Replace(@"\(\ \)\?", "( )?", StringComparison.Ordinal);
    }

    [Test]
    public void A_failed_validation_does_not_record_anything_in_migrations_sum()
    {
        Assert.That(File.ReadAllLines(_project.SumFile), Has.Length.EqualTo(4));
    }

    [Test]
    public void A_design_time_build_does_not_validate()
    {
        Assert.That(_designTimeBuild.Output, Does.Not.Contain("MigrationTasks error"), _designTimeBuild.ToString());
    }
}
