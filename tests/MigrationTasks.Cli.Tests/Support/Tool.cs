using System.Diagnostics;

namespace MigrationTasks.Cli.Tests.Support;

/// <summary>
/// Runs the `migrations` CLI: in-process for speed, or as a real child process when a test needs
/// several runners at once, a process it can signal, or one that outlives a server restart.
/// With a published runner (<see cref="PublishedRunner"/>) every run is a child process of that
/// binary, so the suites prove the build users get rather than the in-process one.
/// The environment is passed explicitly so that tests never read the machine's DATABASE_URL.
/// </summary>
internal static class Tool
{
    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        if (PublishedRunner.Path is { } published)
        {
            return await ChildProcess.RunAsync(published, args, environment ?? new Dictionary<string, string>(), Environment.CurrentDirectory, TimeSpan.FromMinutes(10));
        }

        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliApp.RunAsync(args, new Commands.CliConsole(output, error),
            name => environment is not null && environment.TryGetValue(name, out var value) ? value : null, CancellationToken.None);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(null, args);

    /// <summary>Starts the CLI as its own process (<see cref="PublishedRunner"/>) with only the given variables added.</summary>
    public static Process Start(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var (program, arguments) = PublishedRunner.Command(args);
        // Through env --default-signal, which execs the runner under the same pid: a test run started in the
        // background of a shell inherits SIGINT ignored, and an ignored SIGINT stays ignored in every child,
        // so the runner would never see the Ctrl-C a terminal or an orchestrator sends.
        var start = new ProcessStartInfo("/usr/bin/env")
        {
            // Never the terminal the tests were started from: a runner that sees one is interactive (short connect budget).
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--default-signal=INT,QUIT");
        start.ArgumentList.Add(program);
        foreach (var arg in arguments)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in new[] { "DATABASE_URL", "MIGRATION_DATABASE_URL", "MIGRATION_DRY_RUN", "DISABLE_DB_MIGRATIONS", "MIGRATION_TIMEOUT", "MIGRATION_LOCK_TIMEOUT", "MIGRATION_ENVIRONMENT", "MIGRATION_CONFIG",
                     "MIGRATION_QUIET", "MIGRATION_VERBOSE", "MIGRATION_INTERACTIVE" })
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return Process.Start(start)!;
    }

    /// <summary>Sends a POSIX signal (TERM, INT) to a process started by <see cref="Start"/>, as an orchestrator would.</summary>
    public static async Task SignalAsync(Process process, string signal)
    {
        using var kill = Process.Start("kill", ["-s", signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync();
    }

    public static async Task<CliResult> WaitAsync(Process process, TimeSpan timeout)
    {
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"migrations did not exit within {timeout}: {await output}{await error}");
        }

        return new CliResult(process.ExitCode, await output, await error);
    }
}
