using MigrationTasks.Cli.Tests.Support;

namespace MigrationTasks.Cli.Tests.Delivery;

/// <summary>
/// `comment: true` with a `github-token`: on a pull request, the action posts the step's report as one
/// comment and updates that comment on later runs, against a local stand-in for GitHub's REST API.
/// </summary>
public sealed class ActionCommentTests : ActionReleaseTest
{
    private const string Token = "ghs_test_token_0123456789";

    [Test]
    public async Task A_pull_request_gets_one_comment_with_the_plan_and_later_runs_update_it()
    {
        using var api = new FakeGitHubApi();
        using var migrations = Migrations.Basic();
        var job = NewJob(PullRequest(api, number: 7));
        var inputs = new Dictionary<string, string>
        {
            ["command"] = "plan", ["dir"] = migrations.Path, ["version"] = Release, ["connection"] = Database.ConnectionString,
            ["comment"] = "true", ["github-token"] = Token,
        };

        var first = await job.RunAsync(inputs, Timeout);
        migrations.Add("0004_more.sql", "CREATE TABLE more (id int);");
        var second = await job.RunAsync(inputs, Timeout);

        Assert.That(first.ExitCode, Is.EqualTo(0), first.Log);
        Assert.That(second.ExitCode, Is.EqualTo(0), second.Log);
        Assert.That(api.Requests.Select(r => $"{r.Method} {r.Path}"), Is.EqualTo(new[]
        {
            "GET /repos/owner/app/issues/7/comments?per_page=100", "POST /repos/owner/app/issues/7/comments",
            "GET /repos/owner/app/issues/7/comments?per_page=100", "PATCH /repos/owner/app/issues/comments/1000",
        }));
        Assert.That(api.Requests.Select(r => r.Authorization), Is.All.EqualTo("Bearer " + Token));
        var comment = api.Comments.Single().Value;
        Assert.That(comment, Does.StartWith("<!-- migrationtasks:plan -->").And.Contain("exited 0").And.Contain("0001").And.Contain("0004_more"));
        Assert.That(first.Log + second.Log, Does.Not.Contain(Token));
        Assert.That(await Database.ScalarAsync<bool>("SELECT to_regclass('users') IS NULL"), Is.True, "plan applies nothing");
    }

    [Test]
    public async Task A_failing_command_still_comments_and_the_step_keeps_the_runners_exit_code()
    {
        using var api = new FakeGitHubApi();
        using var migrations = new Migrations().Add("0001_bad.sql", "-- migrate:no-such-directive\nCREATE TABLE t (id int);");
        var job = NewJob(PullRequest(api, number: 8));

        var run = await job.RunAsync(new()
        {
            ["command"] = "plan", ["dir"] = migrations.Path, ["version"] = Release, ["connection"] = Database.ConnectionString,
            ["comment"] = "true", ["github-token"] = Token,
        }, Timeout);

        Assert.That(run.ExitCode, Is.EqualTo(3), run.Log);
        Assert.That(run.Action.OutputsOf("run"), Does.ContainKey("exit-code").WithValue("3"), run.Log);
        Assert.That(api.Comments.Single().Value, Does.Contain("exited 3").And.Contain("0001_bad.sql"));
    }

    // The runner's ::add-mask:: lines carry the password so the log can hide it; a comment is not a log, and
    // GitHub hides nothing in it, so they must not be posted with the output.
    [Test]
    public async Task The_comment_holds_no_password_of_the_connection()
    {
        const string sentinel = "S3ntinel-Pa55-x9";
        using var api = new FakeGitHubApi();
        using var migrations = Migrations.Basic();
        var job = NewJob(PullRequest(api, number: 10));
        var settings = new Npgsql.NpgsqlConnectionStringBuilder(Database.ConnectionString);
        var url = $"postgresql://{settings.Username}:{sentinel}@{settings.Host}:{settings.Port}/{settings.Database}";

        var run = await job.RunAsync(new()
        {
            ["command"] = "plan", ["dir"] = migrations.Path, ["version"] = Release, ["connection"] = url,
            ["comment"] = "true", ["github-token"] = Token,
        }, Timeout);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Log);
        Assert.That(api.Comments.Single().Value, Does.Contain("0001").And.Not.Contain(sentinel).And.Not.Contain("add-mask"));
    }

    [Test]
    public async Task Outside_a_pull_request_nothing_is_posted()
    {
        using var api = new FakeGitHubApi();
        using var migrations = Migrations.Basic();
        var environment = PullRequest(api, number: 9);
        File.WriteAllText(environment["GITHUB_EVENT_PATH"], "{\"ref\":\"refs/heads/main\"}");
        var job = NewJob(environment);

        var run = await job.RunAsync(new()
        {
            ["command"] = "plan", ["dir"] = migrations.Path, ["version"] = Release, ["connection"] = Database.ConnectionString,
            ["comment"] = "true", ["github-token"] = Token,
        }, Timeout);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Log);
        Assert.That(run.Step("run").Output, Does.Contain("not a pull request"));
        Assert.That(api.Requests, Is.Empty);
    }

    private static Dictionary<string, string> PullRequest(FakeGitHubApi api, int number)
    {
        var eventFile = Path.Combine(Path.GetTempPath(), $"mt-event-{Guid.NewGuid():N}.json");
        File.WriteAllText(eventFile, $"{{\"pull_request\":{{\"number\":{number}}}}}");
        return new() { ["GITHUB_API_URL"] = api.Url, ["GITHUB_EVENT_PATH"] = eventFile };
    }
}
