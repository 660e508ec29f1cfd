using MigrationTasks.Cli.Tests.Support;

namespace MigrationTasks.Cli.Tests.Delivery;

/// <summary>
/// action.yml's own steps (eng/action/*.sh) as a workflow runs them, against a release served from
/// a local folder (GITHUB_SERVER_URL=file://...): the runner of the release is downloaded, checked
/// against the release's SHA256SUMS and cached; inputs left empty leave migrations.yaml in charge;
/// `args` reaches the CLI. The runner in the release is the one the suites test (the native one in CI).
/// </summary>
public sealed class ActionInstallTests : ActionReleaseTest
{
    [Test]
    public async Task The_action_at_a_release_tag_downloads_that_releases_runner_verifies_it_and_applies_migrations()
    {
        using var migrations = Migrations.Basic();
        var job = NewJob();

        var first = await job.RunAsync(new() { ["dir"] = migrations.Path, ["connection"] = Database.ConnectionString }, Timeout, actionRef: "v" + Release);
        var second = await job.RunAsync(new() { ["dir"] = migrations.Path, ["connection"] = Database.ConnectionString }, Timeout, actionRef: "v" + Release);

        Assert.That(first.ExitCode, Is.EqualTo(0), first.Log);
        Assert.That(first.Step("install").Output, Does.Contain($"{Release} for linux-x64, downloaded and verified (sha256:"), first.Log);
        Assert.That(first.Action.OutputsOf("install")["runner"], Is.EqualTo(Path.Combine(job.RunnerTemp, "migrationtasks", Release, "linux-x64", "migrations")));
        Assert.That(first.Action.OutputsOf("run"), Does.ContainKey("applied-count").WithValue("3"), first.Log);
        // The connection is masked before any other output of the runner.
        Assert.That(first.Step("run").Output, Does.StartWith($"::add-mask::{Database.ConnectionString}"));
        Assert.That(second.Step("install").Output, Does.Contain("from the cache"), second.Log);
        Assert.That(second.Action.OutputsOf("run"), Does.ContainKey("applied-count").WithValue("0"), second.Log);
        Assert.That(await Database.ScalarAsync<string>("SELECT email FROM users"), Is.EqualTo("ada@example.com"));
    }

    [Test]
    public async Task A_download_that_does_not_match_the_releases_checksum_is_refused_and_nothing_runs()
    {
        using var migrations = Migrations.Basic();
        var tampered = ReleaseFolder.CopyTo("other/repo");
        File.AppendAllText(Path.Combine(tampered, $"migrations-{Release}-linux-x64.tar.gz"), "appended");
        var job = NewJob();

        var run = await job.RunAsync(new() { ["dir"] = migrations.Path, ["connection"] = Database.ConnectionString, ["version"] = Release }, Timeout,
            repository: "other/repo");

        Assert.That(run.ExitCode, Is.EqualTo(3), run.Log);
        Assert.That(run.Step("install").Output, Does.Contain("does not match the release's SHA256SUMS"));
        Assert.That(run.Action.Results.Select(r => r.Step), Does.Not.Contain("run"));
        Assert.That(Directory.Exists(Path.Combine(job.RunnerTemp, "migrationtasks", Release, "linux-x64")), Is.False, "nothing unpacked");
        Assert.That(await Database.ScalarAsync<bool>("SELECT to_regclass('users') IS NULL"), Is.True);
    }

    [Test]
    public async Task A_version_that_has_no_release_fails_with_a_message_naming_it_and_the_way_out()
    {
        var run = await NewJob().RunAsync(new() { ["version"] = "9.9.8", ["connection"] = Database.ConnectionString }, Timeout);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.Log);
        Assert.That(run.Step("install").Output, Does.Contain("could not download").And.Contain("release v9.9.8").And.Contain("version: source"));
    }

    [Test]
    public async Task Inputs_left_empty_leave_the_settings_of_migrations_yaml_in_force_and_given_ones_win()
    {
        var job = NewJob();
        File.WriteAllText(Path.Combine(job.Workspace, "migrations.yaml"), "timeout: 77\nlock:\n  timeout: 42\n");

        var defaults = await job.RunAsync(new() { ["command"] = "config", ["version"] = Release, ["connection"] = Database.ConnectionString }, Timeout);
        var given = await job.RunAsync(new() { ["command"] = "config", ["version"] = Release, ["connection"] = Database.ConnectionString, ["lock-timeout"] = "7" }, Timeout);

        Assert.That(defaults.ExitCode, Is.EqualTo(0), defaults.Log);
        Assert.That(defaults.Step("run").Output, Does.Match(@"lock\.timeout\s+42s\s+\(migrations\.yaml").And.Match(@"timeout\s+77s\s+\(migrations\.yaml"), defaults.Log);
        Assert.That(given.Step("run").Output, Does.Match(@"lock\.timeout\s+7s\s+\(MIGRATION_LOCK_TIMEOUT\)"), given.Log);
    }

    [Test]
    public async Task The_args_input_passes_other_flags_to_the_command()
    {
        using var migrations = Migrations.Basic();

        var run = await NewJob().RunAsync(new()
        {
            ["command"] = "baseline", ["args"] = "--version 0002", ["dir"] = migrations.Path, ["version"] = Release, ["connection"] = Database.ConnectionString,
        }, Timeout);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Log);
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM migrationtasks_history"), Is.EqualTo(2));
        Assert.That(await Database.ScalarAsync<bool>("SELECT to_regclass('users') IS NULL"), Is.True, "baseline records, runs nothing");
    }
}
