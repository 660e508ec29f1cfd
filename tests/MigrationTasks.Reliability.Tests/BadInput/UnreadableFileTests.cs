using MigrationTasks.Cli.Tests.Support;
using MigrationTasks.Testing;

namespace MigrationTasks.Reliability.Tests.BadInput;

/// <summary>
/// A migration the runner may not read is a broken folder (MT1019, exit 3, naming the file), not a
/// crash. Root reads any file, so as root the runner is started as the unprivileged `postgres` user,
/// as the container image runs it (tests/MigrationTasks.Cli.Tests/Delivery/ContainerImage.cs).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class UnreadableFileTests
{
    private const string NonRootUser = "postgres";

    [TestCase("up")]
    [TestCase("status")]
    [TestCase("lint")]
    public async Task An_unreadable_migration_is_named_with_exit_3_and_changes_nothing(string command)
    {
        await using var database = await TestDatabase.CreateAsync();
        using var workspace = new CaseWorkspace(Target.ForTestDatabase(database.ConnectionString));
        Assert.That((await Tool.RunAsync("up", "--dir", workspace.Dir, "--connection", database.ConnectionString)).ExitCode, Is.Zero);
        workspace.Write("0030_secret.sql", "CREATE TABLE secret (id int);\n");
        File.SetUnixFileMode(Path.Combine(workspace.Dir, "0030_secret.sql"), UnixFileMode.None);
        var before = await CatalogFingerprint.TakeAsync(database.ConnectionString);

        var result = await RunAsNonRootAsync(command, "--dir", workspace.Dir, "--connection", database.ConnectionString);

        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.Error, Does.Contain("0030_secret.sql: error MT1019:"));
        Assert.That(await CatalogFingerprint.TakeAsync(database.ConnectionString), Is.EqualTo(before));
    }

    private static Task<CliResult> RunAsNonRootAsync(params string[] args)
    {
        if (Environment.UserName != "root")
        {
            return Tool.RunAsync(args);
        }

        var runuser = File.Exists("/usr/sbin/runuser") ? "/usr/sbin/runuser" : "/sbin/runuser";
        var (program, arguments) = PublishedRunner.Command(args);
        var home = Path.GetTempPath();
        return ChildProcess.RunAsync(runuser, ["-u", NonRootUser, "--", program, .. arguments],
            ChildProcess.BaseEnvironment(home), home, TimeSpan.FromMinutes(1));
    }
}
