using System.Runtime.InteropServices;
using MigrationTasks.Cli.Tests.Support;

namespace MigrationTasks.Cli.Tests.Delivery;

/// <summary>
/// The dotnet tool as users get it: a RID-specific tool package (the top-level package names one
/// package per runtime: a Native AOT runner each, and the framework-dependent `any`), packed into a
/// local feed and installed from it by its command name. Slow (an AOT publish, installs, cold
/// starts), so there are few tests.
/// </summary>
public sealed class ToolPackageTests : DatabaseTest
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(6);

    private string _root = null!;
    private string _feed = null!;
    private string _version = null!;

    // This machine's runtime has a native package only where eng/test.sh could publish Native AOT.
    private static string? NativeRuntime =>
        PublishedRunner.Path is not null && OperatingSystem.IsLinux() ? RuntimeInformation.RuntimeIdentifier : null;

    [OneTimeSetUp]
    public async Task PackIntoALocalFeed()
    {
        Directory.CreateDirectory(_root = Path.Combine(Path.GetTempPath(), "mt-tool-" + Guid.NewGuid().ToString("N")[..8]));
        // A version no public feed has, so an install can only find the packages just packed.
        _version = "0.0.0-test-" + Path.GetFileName(_root)[8..];
        _feed = Path.Combine(_root, "feed");
        // The version is the packages' own (MinVer's override), and the build goes to a folder of the test's,
        // so the packs neither read nor overwrite the checkout's build output.
        string[][] packs = [[], ["-r", "any"], .. NativeRuntime is { } rid ? new[] { new[] { "-r", rid } } : []];
        foreach (var pack in packs)
        {
            var result = await DotNetAsync(PackEnvironment(Environment(Path.Combine(_root, "pack-home"))), _root, ["pack",
                Path.Combine(ChildProcess.RepositoryRoot, "src", "MigrationTasks.Cli", "MigrationTasks.Cli.csproj"),
                "-c", ChildProcess.Configuration, "-o", _feed, "--artifacts-path", Path.Combine(_root, "build"), $"-p:MinVerVersionOverride={_version}", .. pack]);
            Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        }

        Assert.That(Directory.GetFiles(_feed).Select(Path.GetFileName), Is.SupersetOf(new[] { $"MigrationTasks.Tool.{_version}.nupkg", $"MigrationTasks.Tool.any.{_version}.nupkg" }));
    }

    [OneTimeTearDown]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    [Test]
    public async Task The_tool_installs_the_native_runner_of_this_machine_and_its_command_applies_migrations()
    {
        if (NativeRuntime is null)
        {
            Assert.Ignore("Native AOT did not publish on this machine (eng/test.sh says why), so there is no native package to install");
        }

        var (command, printedVersion, up) = await InstallAndRunAsync("MigrationTasks.Tool", "native");

        var installed = new FileInfo(command).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? command;
        Assert.That(File.ReadAllBytes(installed)[..4], Is.EqualTo(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F' }), "the installed command is a native executable");
        Assert.That(File.Exists(Path.Combine(Path.GetDirectoryName(installed)!, "migrations.dll")), Is.False, "no managed assembly beside it");
        Assert.That(printedVersion.Output.Trim().Split(' ')[0], Is.EqualTo(_version), printedVersion.ToString());
        Assert.That(up.ExitCode, Is.EqualTo(0), up.ToString());
        Assert.That(await Database.ScalarAsync<string>("SELECT email FROM users"), Is.EqualTo("ada@example.com"));
    }

    [Test]
    public async Task The_framework_dependent_any_package_installs_and_its_command_applies_migrations()
    {
        var (command, printedVersion, up) = await InstallAndRunAsync("MigrationTasks.Tool.any", "any");

        Assert.That(Directory.EnumerateFiles(Path.Combine(Path.GetDirectoryName(command)!, ".store"), "migrations.dll", SearchOption.AllDirectories), Is.Not.Empty);
        Assert.That(printedVersion.Output.Trim().Split(' ')[0], Is.EqualTo(_version), printedVersion.ToString());
        Assert.That(up.ExitCode, Is.EqualTo(0), up.ToString());
        Assert.That(await Database.ScalarAsync<string>("SELECT email FROM users"), Is.EqualTo("ada@example.com"));
    }

    private async Task<(string Command, CliResult Version, CliResult Up)> InstallAndRunAsync(string package, string name)
    {
        var work = Directory.CreateDirectory(Path.Combine(_root, name)).FullName;
        var tools = Path.Combine(work, "tools");
        using var migrations = Migrations.Basic();
        var environment = Environment(Path.Combine(work, "home"));
        var config = WriteNuGetConfig(work);

        var install = await DotNetAsync(new(environment) { ["NUGET_PACKAGES"] = Path.Combine(work, "packages") }, work,
            ["tool", "install", package, "--version", _version, "--tool-path", tools, "--add-source", _feed, "--configfile", config]);
        Assert.That(install.ExitCode, Is.EqualTo(0), install.ToString());
        var command = Path.Combine(tools, "migrations");
        var printedVersion = await ChildProcess.RunAsync(command, ["--version"], environment, work, Timeout);
        var up = await ChildProcess.RunAsync(command, ["up", "--dir", migrations.Path],
            new Dictionary<string, string>(environment) { ["DATABASE_URL"] = Database.ConnectionString }, work, Timeout);
        return (command, printedVersion, up);
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

    private static Task<CliResult> DotNetAsync(Dictionary<string, string> environment, string workingDirectory, string[] args) =>
        ChildProcess.RunAsync(Path.Combine(ChildProcess.DotNetRoot, "dotnet"), args, environment, workingDirectory, Timeout);
}
