using MigrationTasks.Cli.Tests.Support;

namespace MigrationTasks.Cli.Tests;

/// <summary>
/// `hash` and `config` go through the same pipeline as the database commands: in a GitHub Actions step
/// their problems are annotations and the step gets its exit-code output and summary.
/// </summary>
public sealed class CommandPipelineGitHubTests
{
    private string _outputFile = null!;
    private string _summaryFile = null!;

    [SetUp]
    public void SetUp()
    {
        _outputFile = Path.GetTempFileName();
        _summaryFile = Path.GetTempFileName();
    }

    [TearDown]
    public void TearDown()
    {
        File.Delete(_outputFile);
        File.Delete(_summaryFile);
    }

    [Test]
    public async Task Hash_of_an_invalid_file_is_an_error_annotation_on_it()
    {
        using var migrations = new Migrations().Add("0001_create_users.sql", "CREATE TABLE users (id int);").Add("0002_broken.sql", "SELECT 'unterminated;");

        var result = await RunInStep(migrations, "hash", "--dir", migrations.Path);

        var folder = Path.GetFileName(migrations.Path);
        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.Output, Does.Contain($"::error title=MT1005,file={folder}/0002_broken.sql,line=1,col=8::"));
        Assert.That(File.ReadAllText(_outputFile), Is.EqualTo("exit-code=3\n"));
        Assert.That(File.ReadAllText(_summaryFile), Does.StartWith("### migrations hash: failed (exit 3)"));
    }

    [Test]
    public async Task Config_completes_the_step_with_its_exit_code_and_summary()
    {
        using var migrations = Migrations.Basic();

        var result = await RunInStep(migrations, "config", "--dir", migrations.Path);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(File.ReadAllText(_outputFile), Is.EqualTo("exit-code=0\n"));
        Assert.That(File.ReadAllText(_summaryFile), Does.StartWith("### migrations config: succeeded"));
    }

    private Task<CliResult> RunInStep(Migrations migrations, params string[] args) => Tool.RunAsync(new Dictionary<string, string>
    {
        ["GITHUB_ACTIONS"] = "true",
        ["GITHUB_OUTPUT"] = _outputFile,
        ["GITHUB_STEP_SUMMARY"] = _summaryFile,
        ["GITHUB_WORKSPACE"] = Path.GetDirectoryName(migrations.Path)!,
    }, args);
}
