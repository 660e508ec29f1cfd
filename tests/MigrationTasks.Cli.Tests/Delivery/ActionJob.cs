using MigrationTasks.Cli.Tests.Support;

namespace MigrationTasks.Cli.Tests.Delivery;

/// <summary>
/// One workflow job on a Linux x64 runner that uses the action several times: a workspace and a
/// runner temp folder that persist between the steps (so a second step finds the first one's cache),
/// and the GitHub environment the runner sets, with releases served from <paramref name="serverUrl"/>.
/// </summary>
internal sealed class ActionJob
{
    private readonly Dictionary<string, string> _environment;

    public ActionJob(string root, string serverUrl, IReadOnlyDictionary<string, string>? extraEnvironment = null)
    {
        var job = Directory.CreateDirectory(Path.Combine(root, "job-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        Workspace = Directory.CreateDirectory(Path.Combine(job, "workspace")).FullName;
        RunnerTemp = Directory.CreateDirectory(Path.Combine(job, "runner-temp")).FullName;
        Summary = Path.Combine(RunnerTemp, "summary.md");
        _environment = new Dictionary<string, string>(ChildProcess.BaseEnvironment(Directory.CreateDirectory(Path.Combine(job, "home")).FullName))
        {
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_WORKSPACE"] = Workspace,
            ["GITHUB_STEP_SUMMARY"] = Summary,
            ["GITHUB_SERVER_URL"] = serverUrl,
            ["GITHUB_REPOSITORY"] = "owner/app",
            ["RUNNER_OS"] = "Linux",
            ["RUNNER_ARCH"] = "X64",
            ["RUNNER_TEMP"] = RunnerTemp,
        };
        foreach (var (name, value) in extraEnvironment ?? new Dictionary<string, string>())
        {
            _environment[name] = value;
        }
    }

    public string Workspace { get; }

    public string RunnerTemp { get; }

    public string Summary { get; }

    /// <summary>Runs the action with <paramref name="inputs"/>, as `uses: <paramref name="repository"/>@<paramref name="actionRef"/>`.</summary>
    public async Task<ActionRun> RunAsync(Dictionary<string, string> inputs, TimeSpan timeout, string actionRef = "", string repository = "owner/repo")
    {
        var github = new Dictionary<string, string> { ["action_ref"] = actionRef, ["action_repository"] = repository };
        var action = new ActionRunner(inputs, _environment, Workspace, RunnerTemp, github);
        var exitCode = await action.RunAsync(timeout);
        return new ActionRun(exitCode, action);
    }
}

/// <summary>What one use of the action did: its exit code and each step's output.</summary>
internal sealed record ActionRun(int ExitCode, ActionRunner Action)
{
    public string Log => string.Join("\n", Action.Results.Select(r => $"[{r.Step}] {r.Result}"));

    public CliResult Step(string id) => Action.Results.Single(r => r.Step == id).Result;
}
