using MigrationTasks.Cli.Commands;
using MigrationTasks.Cli.Tests.Support;

namespace MigrationTasks.Cli.Tests.Delivery;

/// <summary>
/// The dotnet tool as users get it: packed, installed from a feed into a tool path, and run by its
/// command name. Slow (pack, install, a cold start), so it is one test.
/// </summary>
public sealed class ToolPackageTests : DatabaseTest
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

    private string root = null!;

    [SetUp]
    public void CreateRoot() => Directory.CreateDirectory(root = Path.Combine(Path.GetTempPath(), "mt-tool-" + Guid.NewGuid().ToString("N")[..8]));

    [TearDown]
    public void DeleteRoot() => Directory.Delete(root, recursive: true);

    [Test]
    public async Task The_tool_package_installs_from_a_local_feed_and_its_command_applies_migrations()
    {
        // A version no public feed has, so the install can only find the package just packed.
        var version = "0.0.0-test-" + Path.GetFileName(root)[8..];
        var feed = Path.Combine(root, "feed");
        var tools = Path.Combine(root, "tools");
        using var migrations = Migrations.Basic();
        var environment = ChildProcess.BaseEnvironment(Directory.CreateDirectory(Path.Combine(root, "home")).FullName);

        var pack = await DotNetAsync(PackEnvironment(environment), "pack", Path.Combine(ChildProcess.RepositoryRoot, "src", "MigrationTasks.Cli", "MigrationTasks.Cli.csproj"),
            "-c", ChildProcess.Configuration, "--no-build", "-o", feed, $"-p:PackageVersion={version}");
        Assert.That(pack.ExitCode, Is.EqualTo(0), pack.ToString());
        var config = Path.Combine(root, "nuget.config");
        await File.WriteAllTextAsync(config, $"<configuration><packageSources><clear /><add key=\"feed\" value=\"{feed}\" /></packageSources></configuration>");
        var install = await DotNetAsync(new(environment) { ["NUGET_PACKAGES"] = Path.Combine(root, "packages") },
            "tool", "install", "MigrationTasks.Tool", "--version", version, "--tool-path", tools, "--add-source", feed, "--configfile", config);
        Assert.That(install.ExitCode, Is.EqualTo(0), install.ToString());
        var printedVersion = await ChildProcess.RunAsync(Path.Combine(tools, "migrations"), ["--version"], environment, root, Timeout);
        var up = await ChildProcess.RunAsync(Path.Combine(tools, "migrations"), ["up", "--dir", migrations.Path],
            new Dictionary<string, string>(environment) { ["DATABASE_URL"] = Database.ConnectionString }, root, Timeout);

        Assert.That(Directory.GetFiles(feed), Has.One.EndsWith($"MigrationTasks.Tool.{version}.nupkg"));
        Assert.That(printedVersion.Output.Trim(), Is.EqualTo(CommandRunner.ToolVersion), printedVersion.ToString());
        Assert.That(up.ExitCode, Is.EqualTo(0), up.ToString());
        Assert.That(await Database.ScalarAsync<string>("SELECT email FROM users"), Is.EqualTo("ada@example.com"));
    }

    // Packing reads this checkout's restore output, so it must see the package folder that restore used.
    private static Dictionary<string, string> PackEnvironment(Dictionary<string, string> environment) => new(environment)
    {
        ["HOME"] = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
        ["NUGET_PACKAGES"] = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
    };

    private Task<CliResult> DotNetAsync(Dictionary<string, string> environment, params string[] args) =>
        ChildProcess.RunAsync(Path.Combine(ChildProcess.DotNetRoot, "dotnet"), args, environment, root, Timeout);
}
