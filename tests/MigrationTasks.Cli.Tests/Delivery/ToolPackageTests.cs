using MigrationTasks.Cli.Commands;
using MigrationTasks.Cli.Tests.Support;

namespace MigrationTasks.Cli.Tests.Delivery;

/// <summary>
/// The dotnet tool as users get it: packed once into a local feed, then installed from it into a
/// tool path and run by its command name, directly and through action.yml's `version` input.
/// Slow (pack, install, a cold start), so there are few tests.
/// </summary>
public sealed class ToolPackageTests : DatabaseTest
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

    private string _root = null!;
    private string _feed = null!;
    private string _version = null!;

    [OneTimeSetUp]
    public async Task PackIntoALocalFeed()
    {
        Directory.CreateDirectory(_root = Path.Combine(Path.GetTempPath(), "mt-tool-" + Guid.NewGuid().ToString("N")[..8]));
        // A version no public feed has, so an install can only find the package just packed.
        _version = "0.0.0-test-" + Path.GetFileName(_root)[8..];
        _feed = Path.Combine(_root, "feed");
        var pack = await DotNetAsync(PackEnvironment(Environment(Path.Combine(_root, "pack-home"))), _root, "pack",
            Path.Combine(ChildProcess.RepositoryRoot, "src", "MigrationTasks.Cli", "MigrationTasks.Cli.csproj"),
            "-c", ChildProcess.Configuration, "--no-build", "-o", _feed, $"-p:PackageVersion={_version}");
        Assert.That(pack.ExitCode, Is.EqualTo(0), pack.ToString());
        Assert.That(Directory.GetFiles(_feed), Has.One.EndsWith($"MigrationTasks.Tool.{_version}.nupkg"));
    }

    [OneTimeTearDown]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    [Test]
    public async Task The_tool_package_installs_from_a_local_feed_and_its_command_applies_migrations()
    {
        var work = Directory.CreateDirectory(Path.Combine(_root, "direct")).FullName;
        var tools = Path.Combine(work, "tools");
        using var migrations = Migrations.Basic();
        var environment = Environment(Path.Combine(work, "home"));
        var config = WriteNuGetConfig(work);

        var install = await DotNetAsync(new(environment) { ["NUGET_PACKAGES"] = Path.Combine(work, "packages") }, work,
            "tool", "install", "MigrationTasks.Tool", "--version", _version, "--tool-path", tools, "--add-source", _feed, "--configfile", config);
        Assert.That(install.ExitCode, Is.EqualTo(0), install.ToString());
        var printedVersion = await ChildProcess.RunAsync(Path.Combine(tools, "migrations"), ["--version"], environment, work, Timeout);
        var up = await ChildProcess.RunAsync(Path.Combine(tools, "migrations"), ["up", "--dir", migrations.Path],
            new Dictionary<string, string>(environment) { ["DATABASE_URL"] = Database.ConnectionString }, work, Timeout);

        Assert.That(printedVersion.Output.Trim(), Is.EqualTo(CommandRunner.ToolVersion), printedVersion.ToString());
        Assert.That(up.ExitCode, Is.EqualTo(0), up.ToString());
        Assert.That(await Database.ScalarAsync<string>("SELECT email FROM users"), Is.EqualTo("ada@example.com"));
    }

    [Test]
    public async Task The_action_with_a_version_installs_that_package_from_the_runners_feeds_and_applies_migrations()
    {
        // The workspace a checkout gives: the migrations, and the feeds the runner is configured with.
        var workspace = Directory.CreateDirectory(Path.Combine(_root, "workspace")).FullName;
        var runnerTemp = Directory.CreateDirectory(Path.Combine(_root, "runner-temp")).FullName;
        using var migrations = Migrations.Basic();
        WriteNuGetConfig(workspace);
        var summary = Path.Combine(runnerTemp, "summary.md");
        var environment = new Dictionary<string, string>(Environment(Path.Combine(_root, "runner-home")))
        {
            ["NUGET_PACKAGES"] = Path.Combine(_root, "runner-packages"),
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_WORKSPACE"] = workspace,
            ["GITHUB_STEP_SUMMARY"] = summary,
        };
        var action = new ActionRunner(
            new Dictionary<string, string> { ["version"] = _version, ["dir"] = migrations.Path, ["connection"] = Database.ConnectionString },
            environment, workspace, runnerTemp);

        var exitCode = await action.RunAsync(Timeout);

        var log = string.Join("\n", action.Results.Select(r => $"[{r.Step}] {r.Result}"));
        Assert.That(exitCode, Is.EqualTo(0), log);
        Assert.That(action.Results.Select(r => r.Step), Is.EqualTo(new[] { "install", "run" }), log);
        Assert.That(action.OutputsOf("install")["runner"], Is.EqualTo(Path.Combine(runnerTemp, "migrationtasks-tool", _version, "migrations")));
        Assert.That(action.OutputsOf("run"), Does.ContainKey("applied-count").WithValue("3").And.ContainKey("exit-code").WithValue("0"), log);
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM migrationtasks_history"), Is.EqualTo(3));
        Assert.That(File.ReadAllText(summary), Does.Contain("0001"));
        // The connection is masked before any other output, and shown nowhere else.
        var run = action.Results.Single(r => r.Step == "run").Result;
        Assert.That(run.Output, Does.StartWith($"::add-mask::{Database.ConnectionString}"));
        Assert.That(run.All.Replace($"::add-mask::{Database.ConnectionString}", "", StringComparison.Ordinal), Does.Not.Contain(Database.ConnectionString));
    }

    private static Dictionary<string, string> Environment(string home) => ChildProcess.BaseEnvironment(Directory.CreateDirectory(home).FullName);

    /// <summary>A nuget.config whose only source is the local feed.</summary>
    private string WriteNuGetConfig(string directory)
    {
        var config = Path.Combine(directory, "nuget.config");
        File.WriteAllText(config, $"<configuration><packageSources><clear /><add key=\"feed\" value=\"{_feed}\" /></packageSources></configuration>");
        return config;
    }

    // Packing reads this checkout's restore output, so it must see the package folder that restore used.
    private static Dictionary<string, string> PackEnvironment(Dictionary<string, string> environment) => new(environment)
    {
        ["HOME"] = System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile),
        ["NUGET_PACKAGES"] = System.Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
    };

    private static Task<CliResult> DotNetAsync(Dictionary<string, string> environment, string workingDirectory, params string[] args) =>
        ChildProcess.RunAsync(Path.Combine(ChildProcess.DotNetRoot, "dotnet"), args, environment, workingDirectory, Timeout);
}
