using System.Text.Json;

namespace MigrationTasks.Cli.Tests.Delivery;

/// <summary>
/// Runs the runner the way eng/container/Dockerfile's final stage does, without a Docker engine: its
/// ENTRYPOINT and CMD as written there, its WORKDIR, no shell, a non-root user and only the variables
/// given. /app and /migrations map to temporary folders holding the CLI build and a bundle.
/// /app holds the published Native AOT runner when the suite runs one (eng/test.sh publishes it), as the
/// image does; otherwise the framework-dependent build (with DOTNET_ROOT).
/// </summary>
internal sealed class ContainerImage
{
    private const string NonRootUser = "postgres";

    private ContainerImage(IReadOnlyList<string> entrypoint, IReadOnlyList<string> command, string workingDirectory, IReadOnlyDictionary<string, string> variables)
    {
        Entrypoint = entrypoint;
        Command = command;
        WorkingDirectory = workingDirectory;
        Variables = variables;
    }

    public IReadOnlyList<string> Entrypoint { get; }

    public IReadOnlyList<string> Command { get; }

    public string WorkingDirectory { get; }

    /// <summary>The final stage's ENV NAME=value settings, which every container of the image starts with.</summary>
    public IReadOnlyDictionary<string, string> Variables { get; }

    public static string DockerfilePath => Path.Combine(Support.ChildProcess.RepositoryRoot, "eng", "container", "Dockerfile");

    /// <summary>The final stage's exec-form ENTRYPOINT and CMD (JSON arrays) and WORKDIR.</summary>
    public static ContainerImage Read()
    {
        var lines = File.ReadAllLines(DockerfilePath);
        var finalStage = lines.Skip(Array.FindLastIndex(lines, l => l.StartsWith("FROM ", StringComparison.Ordinal))).ToList();
        string[] Instruction(string name) => JsonSerializer.Deserialize<string[]>(finalStage.Single(l => l.StartsWith(name + " ", StringComparison.Ordinal))[(name.Length + 1)..])!;
        var workingDirectory = finalStage.Last(l => l.StartsWith("WORKDIR ", StringComparison.Ordinal))["WORKDIR ".Length..].Trim();
        var variables = finalStage.Where(l => l.StartsWith("ENV ", StringComparison.Ordinal))
            .Select(l => l["ENV ".Length..].Split('=', 2))
            .ToDictionary(pair => pair[0].Trim(), pair => pair[1].Trim());
        return new ContainerImage(Instruction("ENTRYPOINT"), Instruction("CMD"), workingDirectory, variables);
    }

    /// <summary>Starts the container's process with the image's arguments (or <paramref name="command"/> in place of CMD).</summary>
    public Task<Support.CliResult> RunAsync(string app, string bundle, IReadOnlyDictionary<string, string> environment, IReadOnlyList<string>? command = null)
    {
        string Map(string word) => word.StartsWith("/app/", StringComparison.Ordinal) ? Path.Combine(app, word["/app/".Length..])
            : word == "/migrations" ? bundle
            : word;
        var process = new List<string>(Entrypoint.Concat(command ?? Command).Select(Map));
        var variables = new Dictionary<string, string>(Variables.Concat(environment))
        {
            ["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            ["DOTNET_ROOT"] = Support.ChildProcess.DotNetRoot,
        };

        // As root (a container build machine), drop to an unprivileged user as the image's USER does;
        // runuser execs the program directly (no shell) and adds only HOME, USER and LOGNAME.
        if (Environment.UserName == "root")
        {
            process.InsertRange(0, [File.Exists("/usr/sbin/runuser") ? "/usr/sbin/runuser" : "/sbin/runuser", "-u", NonRootUser, "--"]);
        }

        return Support.ChildProcess.RunAsync(process[0], process.Skip(1), variables, WorkingDirectory, TimeSpan.FromMinutes(1));
    }
}
