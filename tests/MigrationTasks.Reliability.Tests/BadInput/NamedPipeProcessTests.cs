using System.Diagnostics;
using MigrationTasks.Cli.Tests.Support;
using MigrationTasks.Testing;

namespace MigrationTasks.Reliability.Tests.BadInput;

/// <summary>
/// A named pipe where a file belongs used to hang the process for good: opening one waits for a writer
/// that never comes, and --timeout, SIGTERM and SIGINT were all ignored. The real process must refuse it
/// by name and exit with the documented code, in seconds.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class NamedPipeProcessTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [TestCase("up")]
    [TestCase("lint")]
    public async Task A_named_pipe_in_the_folder_is_refused_by_name_with_exit_3_and_no_hang(string command)
    {
        await using var database = await TestDatabase.CreateAsync();
        using var workspace = new CaseWorkspace(Target.ForTestDatabase(database.ConnectionString));
        SpecialFiles.NamedPipe(Path.Combine(workspace.Dir, "0030_pipe.sql"));

        var result = await RunAsync(command, "--dir", workspace.Dir, "--connection", database.ConnectionString, "--timeout", "10");

        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.Error, Does.Contain("0030_pipe.sql: error MT1019:").And.Contain("named pipe"));
    }

    [TestCase("up")]
    [TestCase("lint")]
    [TestCase("config")]
    public async Task A_named_pipe_as_config_is_refused_by_name_with_exit_2_and_no_hang(string command)
    {
        await using var database = await TestDatabase.CreateAsync();
        using var workspace = new CaseWorkspace(Target.ForTestDatabase(database.ConnectionString));
        var config = Path.Combine(workspace.Root, "migrations.yaml");
        SpecialFiles.NamedPipe(config);

        var result = await RunAsync(command, "--dir", workspace.Dir, "--connection", database.ConnectionString, "--config", config);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("error MT4003:").And.Contain("migrations.yaml").And.Contain("named pipe"));
    }

    [Test]
    public async Task A_bundle_manifest_that_is_a_named_pipe_is_refused_with_exit_3_and_no_hang()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var workspace = new CaseWorkspace(Target.ForTestDatabase(database.ConnectionString));
        workspace.WriteBundle();
        File.Delete(workspace.BundleFile("manifest.json"));
        SpecialFiles.NamedPipe(workspace.BundleFile("manifest.json"));

        var result = await RunAsync("up", "--bundle", workspace.Bundle, "--connection", database.ConnectionString);

        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.Error, Does.Contain("manifest.json: error MT1019:"));
    }

    // A real process, bounded: before the fix this is where the test failed, with the process killed at the bound.
    private static async Task<CliResult> RunAsync(params string[] args)
    {
        using var process = Tool.Start(null, args);
        var clock = Stopwatch.StartNew();
        var result = await Tool.WaitAsync(process, Bound);
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)), "the process took too long: " + result);
        return result;
    }
}
