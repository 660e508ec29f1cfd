using MigrationTasks.Cli.Tests.Support;
using MigrationTasks.Execution;

namespace MigrationTasks.Cli.Tests;

/// <summary>`migrations lint` in a GitHub Actions step: each finding is an annotation on its file, line and column.</summary>
public sealed class LintGitHubTests
{
    private Migrations _migrations = null!;
    private string _outputFile = null!;
    private string _summaryFile = null!;

    [SetUp]
    public void SetUp()
    {
        _migrations = new Migrations().Add("0001_create_orders.sql", "CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, note text);");
        _outputFile = Path.GetTempFileName();
        _summaryFile = Path.GetTempFileName();
    }

    [TearDown]
    public void TearDown()
    {
        _migrations.Dispose();
        File.Delete(_outputFile);
        File.Delete(_summaryFile);
    }

    [Test]
    public async Task Errors_and_warnings_become_annotations_relative_to_the_workspace()
    {
        _migrations.Add("0002_cleanup.sql", "-- migrate:lock-timeout 5s\nALTER TABLE orders\n  DROP COLUMN note;\nDROP INDEX orders_note_idx;");

        var result = await RunInStep("lint", "--dir", _migrations.Path);

        var folder = Path.GetFileName(_migrations.Path);
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.InvalidMigrations), result.ToString());
        Assert.That(result.Output, Does.Contain($"::error title=MT2102,file={folder}/0002_cleanup.sql,line=3,col=3::MT2102: DROP COLUMN orders.note deletes"));
        Assert.That(result.Output, Does.Contain($"::warning title=MT2121,file={folder}/0002_cleanup.sql,line=4,col=1::MT2121: DROP INDEX orders_note_idx takes"));
        Assert.That(result.Output, Does.Match(@"::error title=MT2102,[^\n]*Help: https://\S+/docs/diagnostics\.md#mt2102\n"));
        Assert.That(File.ReadAllText(_outputFile), Is.EqualTo("exit-code=3\n"), "the action's exit-code output; no counts without a plan");
        Assert.That(File.ReadAllText(_summaryFile), Does.StartWith("### migrations lint: failed (exit 3)"));
    }

    [Test]
    public async Task A_relative_dir_is_annotated_relative_to_the_workspace_not_the_working_directory()
    {
        _migrations.Add("0002_cleanup.sql", "ALTER TABLE orders DROP COLUMN note;");
        // The step's working directory is often not the checkout's root (working-directory: service/).
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, _migrations.Path);

        var result = await RunInStep("lint", "--dir", relative);

        var folder = Path.GetFileName(_migrations.Path);
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.InvalidMigrations), result.ToString());
        Assert.That(result.Output, Does.Contain($"::error title=MT2102,file={folder}/0002_cleanup.sql,line=1,col=20::"));
    }

    [Test]
    public async Task A_stale_waiver_is_a_warning_annotation_on_its_line()
    {
        _migrations.Add("0002_note.sql", "-- migrate:allow drop-column not needed any more\nALTER TABLE orders ADD COLUMN memo text;\nSET lock_timeout = '1s';");

        var result = await RunInStep("lint", "--dir", _migrations.Path);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Match(@"::warning title=MT2190,file=[^,]*0002_note\.sql,line=1,col=1::MT2190: '-- migrate:allow drop-column' waives nothing"));
    }

    [Test]
    public async Task A_clean_folder_gives_no_annotation()
    {
        var result = await RunInStep("lint", "--dir", _migrations.Path);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Not.Contain("::error").And.Not.Contain("::warning"));
    }

    [Test]
    public async Task Outside_a_step_lint_writes_no_workflow_command()
    {
        _migrations.Add("0002_cleanup.sql", "ALTER TABLE orders DROP COLUMN note;");

        var result = await Tool.RunAsync("lint", "--dir", _migrations.Path);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.InvalidMigrations), result.ToString());
        Assert.That(result.All, Does.Not.Contain("::error"));
    }

    private Task<CliResult> RunInStep(params string[] args) => Tool.RunAsync(new Dictionary<string, string>
    {
        ["GITHUB_ACTIONS"] = "true",
        ["GITHUB_OUTPUT"] = _outputFile,
        ["GITHUB_STEP_SUMMARY"] = _summaryFile,
        ["GITHUB_WORKSPACE"] = Path.GetDirectoryName(_migrations.Path)!,
    }, args);
}
