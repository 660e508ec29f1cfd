using MigrationTasks.Cli.Tests.Support;
using MigrationTasks.Testing;
using Npgsql;

namespace MigrationTasks.Cli.Tests;

/// <summary>
/// The runner inside a GitHub Actions step (GITHUB_ACTIONS=true): masks, step outputs, step summary and
/// annotations, with the runner's files pointing at temporary files.
/// </summary>
public sealed class GitHubActionsTests : DatabaseTest
{
    // '@' and ' ' are percent-encoded in a URI, so the plain and the encoded forms differ.
    private const string Sentinel = "S3ntinel@Pa55 x9";
    private static readonly string EncodedSentinel = Uri.EscapeDataString(Sentinel);

    private string _outputFile = null!;
    private string _summaryFile = null!;

    [SetUp]
    public void CreateRunnerFiles()
    {
        _outputFile = Path.GetTempFileName();
        _summaryFile = Path.GetTempFileName();
    }

    [TearDown]
    public void DeleteRunnerFiles()
    {
        File.Delete(_outputFile);
        File.Delete(_summaryFile);
    }

    [Test]
    public async Task Up_masks_the_password_and_the_connection_before_any_other_output()
    {
        using var migrations = Migrations.Basic();
        var url = UrlWithSentinel();

        var result = await RunInStep(new() { ["DATABASE_URL"] = url }, "up", "--dir", migrations.Path);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var masks = lines.TakeWhile(l => l.StartsWith("::add-mask::", StringComparison.Ordinal)).ToList();
        Assert.That(masks, Does.Contain($"::add-mask::{Sentinel}")
            .And.Contain($"::add-mask::{EncodedSentinel.Replace("%", "%25", StringComparison.Ordinal)}")
            .And.Contain($"::add-mask::{url.Replace("%", "%25", StringComparison.Ordinal)}"));
        Assert.That(lines.Skip(masks.Count), Has.None.Contain("::add-mask::"));
    }

    [Test]
    public async Task The_password_appears_only_in_mask_lines_and_never_in_the_outputs_or_summary()
    {
        using var bad = new Migrations().Add("0001_ok.sql", "CREATE TABLE t (id int);").Add("0002_bad.sql", "SELECT * FROM missing_table;");

        var result = await RunInStep(new(), "up", "--dir", bad.Path, "--connection", UrlWithSentinel());

        Assert.That(result.ExitCode, Is.EqualTo(6), result.ToString());
        var unmasked = result.All.Split('\n').Where(l => !l.StartsWith("::add-mask::", StringComparison.Ordinal));
        Assert.That(unmasked, Has.None.Contain(Sentinel).And.None.Contain(EncodedSentinel));
        Assert.That(File.ReadAllText(_outputFile) + File.ReadAllText(_summaryFile), Does.Not.Contain(Sentinel).And.Not.Contain(EncodedSentinel));
    }

    [Test]
    public async Task Up_writes_the_step_outputs_and_a_summary_table_of_what_was_applied()
    {
        using var migrations = Migrations.Basic();

        var result = await RunInStep(new() { ["DATABASE_URL"] = Database.ConnectionString }, "up", "--dir", migrations.Path, "--target", "0002");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(File.ReadAllText(_outputFile), Is.EqualTo("applied-count=2\npending-count=0\ncurrent-version=0002\nexit-code=0\n"));
        var summary = File.ReadAllText(_summaryFile);
        Assert.That(summary, Does.StartWith("### migrations up: succeeded")
            .And.Contain("| Version | Name | State |")
            .And.Match(@"\| 0001 \| create_users \| applied \(\d+ ms\) \|")
            .And.Match(@"\| 0002 \| create_orders \| applied \(\d+ ms\) \|"));
    }

    [Test]
    public async Task Status_reports_pending_migrations_in_the_outputs_and_the_summary()
    {
        using var migrations = Migrations.Basic();
        Assert.That((await Run(migrations, "up", "--target", "0001")).ExitCode, Is.EqualTo(0));

        var result = await RunInStep(new(), "status", "--dir", migrations.Path, "--connection", Database.ConnectionString);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(File.ReadAllText(_outputFile), Is.EqualTo("applied-count=0\npending-count=2\ncurrent-version=0001\nexit-code=0\n"));
        Assert.That(File.ReadAllText(_summaryFile), Does.Contain("| 0002 | create_orders | pending |").And.Contain("| 0003 | seed_user | pending |"));
    }

    [Test]
    public async Task A_failed_migration_is_an_error_annotation_on_its_file_and_the_exit_code_output()
    {
        using var bad = new Migrations().Add("0001_ok.sql", "CREATE TABLE t (id int);").Add("0002_bad.sql", "CREATE TABLE u (id int);\nSELECT * FROM missing_table;");

        var result = await RunInStep(new(), "up", "--dir", bad.Path, "--connection", Database.ConnectionString);

        Assert.That(result.ExitCode, Is.EqualTo(6), result.ToString());
        Assert.That(result.Output, Does.Match(@"::error title=MT\d{4},file=[^,]*0002_bad\.sql,line=2,col=\d+::MT\d{4}: "));
        Assert.That(File.ReadAllText(_outputFile), Is.EqualTo("applied-count=1\npending-count=1\ncurrent-version=0001\nexit-code=6\n"));
        Assert.That(File.ReadAllText(_summaryFile), Does.Contain("failed (exit 6)").And.Contain("| 0002 | bad | **failed** |"));
    }

    [Test]
    public async Task A_failed_migration_of_a_bundle_is_annotated_on_the_source_file_in_the_repository()
    {
        var repository = Directory.CreateTempSubdirectory("mt-repo-").FullName;
        var bundle = Directory.CreateTempSubdirectory("mt-publish-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(repository, ".git"));
            var folder = Directory.CreateDirectory(Path.Combine(repository, "src", "Orders.Api", "migrations")).FullName;
            File.WriteAllText(Path.Combine(folder, "0001_ok.sql"), "CREATE TABLE t (id int);");
            File.WriteAllText(Path.Combine(folder, "0002_bad.sql"), "CREATE TABLE u (id int);\nSELECT * FROM missing_table;");
            MigrationTasks.Bundles.BundleWriter.Write(MigrationTasks.Files.MigrationDirectory.Load(MigrationTasks.Postgres.Dialect.PostgresDialect.Instance, folder), bundle, "0.1.0");

            var result = await RunInStep(new() { ["GITHUB_WORKSPACE"] = repository }, "up", "--bundle", bundle, "--connection", Database.ConnectionString);

            Assert.That(result.ExitCode, Is.EqualTo(6), result.ToString());
            Assert.That(result.Output, Does.Match(@"::error title=MT\d{4},file=src/Orders\.Api/migrations/0002_bad\.sql,line=2,col=\d+::"));
        }
        finally
        {
            Directory.Delete(repository, recursive: true);
            Directory.Delete(bundle, recursive: true);
        }
    }

    [Test]
    public async Task An_invalid_migration_file_is_an_error_annotation_with_its_line()
    {
        using var invalid = new Migrations().Add("0001_ok.sql", "-- migrate: no-such-directive\nSELECT 1;");

        var result = await RunInStep(new(), "up", "--dir", invalid.Path, "--connection", Database.ConnectionString);

        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.Output, Does.Match(@"::error title=MT1006,file=[^,]*0001_ok\.sql,line=1,col=\d+::MT1006: "));
        Assert.That(File.ReadAllText(_outputFile), Is.EqualTo("exit-code=3\n"), "no counts: the run stopped before it had a plan");
    }

    [Test]
    public async Task With_json_output_the_workflow_commands_go_to_stderr_and_stdout_stays_json()
    {
        using var migrations = Migrations.Basic();

        var result = await RunInStep(new(), "up", "--dir", migrations.Path, "--connection", UrlWithSentinel(), "--output", "json");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.All.StartWith("{\"event\":"));
        Assert.That(result.Error, Does.StartWith("::add-mask::"));
    }

    [Test]
    public async Task Outside_GitHub_Actions_nothing_is_masked_or_written()
    {
        using var migrations = Migrations.Basic();

        var result = await Tool.RunAsync(new Dictionary<string, string> { ["GITHUB_OUTPUT"] = _outputFile, ["GITHUB_STEP_SUMMARY"] = _summaryFile },
            "up", "--dir", migrations.Path, "--connection", Database.ConnectionString);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.All, Does.Not.Contain("::"));
        Assert.That(File.ReadAllText(_outputFile), Is.Empty);
    }

    [TestCase("option")]
    [TestCase("environment")]
    public async Task Verify_masks_the_dev_server_password_before_any_other_output(string given)
    {
        using var migrations = new Migrations().Add("0001_t.sql", "CREATE TABLE t (id int);").Add("0001_t.down.sql", "DROP TABLE t;");
        var url = UrlWithSentinel();

        var result = given == "option"
            ? await RunInStep(new(), "verify", "--dir", migrations.Path, "--dev-url", url)
            : await RunInStep(new() { ["MIGRATION_DEV_URL"] = url }, "verify", "--dir", migrations.Path);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines.TakeWhile(l => l.StartsWith("::add-mask::", StringComparison.Ordinal)), Does.Contain($"::add-mask::{Sentinel}"));
        Assert.That(result.All.Split('\n').Where(l => !l.StartsWith("::add-mask::", StringComparison.Ordinal)), Has.None.Contain(Sentinel).And.None.Contain(EncodedSentinel));
    }

    private string UrlWithSentinel()
    {
        var builder = new NpgsqlConnectionStringBuilder(Database.ConnectionString);
        return $"postgresql://{builder.Username}:{EncodedSentinel}@{builder.Host}:{builder.Port}/{builder.Database}";
    }

    private Task<CliResult> RunInStep(Dictionary<string, string> environment, params string[] args)
    {
        environment["GITHUB_ACTIONS"] = "true";
        environment["GITHUB_OUTPUT"] = _outputFile;
        environment["GITHUB_STEP_SUMMARY"] = _summaryFile;
        return Tool.RunAsync(environment, args);
    }
}
