using MigrationTasks.Cli.Tests.Support;
using MigrationTasks.Testing;

namespace MigrationTasks.Reliability.Tests.BadInput;

/// <summary>
/// A migration (or folder, bundle file, migrations.sum, migrations.yaml) the runner may not read or
/// write is an error naming the path with its documented code (3 for migrations and bundles, 2 for
/// configuration), not a crash or exit 1. Root reads any file, so as root the runner is started as the unprivileged `postgres` user,
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

    [TestCase("up")]
    [TestCase("status")]
    [TestCase("lint")]
    [TestCase("hash")]
    public async Task An_unreadable_migrations_folder_is_named_with_exit_3(string command)
    {
        await using var database = await TestDatabase.CreateAsync();
        using var workspace = new CaseWorkspace(Target.ForTestDatabase(database.ConnectionString));
        File.SetUnixFileMode(workspace.Dir, UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);

        var result = await RunAsNonRootAsync(command, "--dir", workspace.Dir, "--connection", database.ConnectionString);

        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.Error, Does.Contain("error MT1019:").And.Contain(workspace.Dir));
    }

    [TestCase("config")]
    [TestCase("up")]
    [TestCase("lint")]
    public async Task An_unreadable_configuration_file_is_named_with_exit_2(string command)
    {
        await using var database = await TestDatabase.CreateAsync();
        using var workspace = new CaseWorkspace(Target.ForTestDatabase(database.ConnectionString));
        workspace.WriteConfig("timeout: 5min\n");
        File.SetUnixFileMode(workspace.ConfigPath!, UnixFileMode.None);

        var result = await RunAsNonRootAsync(command, "--dir", workspace.Dir, "--connection", database.ConnectionString, "--config", workspace.ConfigPath!);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("migrations.yaml: error MT4003:"));
    }

    [Test]
    public async Task Hash_names_an_unreadable_migrations_sum_with_exit_3()
    {
        using var workspace = new CaseWorkspace(Target.ForTestDatabase("Host=127.0.0.1;Username=nobody;Database=none"));
        workspace.Write("migrations.sum", "not read\n");
        File.SetUnixFileMode(Path.Combine(workspace.Dir, "migrations.sum"), UnixFileMode.None);

        var result = await RunAsNonRootAsync("hash", "--dir", workspace.Dir);

        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.Error, Does.Contain("migrations.sum: error MT1019:").And.Contain("could not be read"));
    }

    [Test]
    public async Task Hash_names_migrations_sum_with_exit_3_when_the_folder_is_read_only()
    {
        using var workspace = new CaseWorkspace(Target.ForTestDatabase("Host=127.0.0.1;Username=nobody;Database=none"));
        File.SetUnixFileMode(workspace.Dir, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        var result = await RunAsNonRootAsync("hash", "--dir", workspace.Dir);

        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.Error, Does.Contain("migrations.sum: error MT1019:").And.Contain("could not be written"));
        Assert.That(File.Exists(Path.Combine(workspace.Dir, "migrations.sum")), Is.False);
    }

    [TestCase("manifest.json")]
    [TestCase("0020_create_orders.sql")]
    public async Task An_unreadable_bundle_file_is_named_with_exit_3_and_changes_nothing(string file)
    {
        await using var database = await TestDatabase.CreateAsync();
        using var workspace = new CaseWorkspace(Target.ForTestDatabase(database.ConnectionString));
        workspace.WriteBundle();
        File.SetUnixFileMode(workspace.BundleFile(file), UnixFileMode.None);
        var before = await CatalogFingerprint.TakeAsync(database.ConnectionString);

        var result = await RunAsNonRootAsync("up", "--bundle", workspace.Bundle, "--connection", database.ConnectionString);

        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.Error, Does.Contain($"{file}: error MT1019:"));
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
