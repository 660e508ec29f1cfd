using System.Collections;
using System.Diagnostics;
using System.Text;

namespace MigrationTasks.Build.Tests.Support;

/// <summary>
/// Runs the dotnet CLI as a user would, but isolated: its own NuGet package folder (so the package
/// under test is always the freshly packed one), no build server or node reuse left behind, and no
/// MSBuild or CI variables inherited from the `dotnet test` that runs us. CI detection is opted
/// into per call, because this suite itself runs on CI.
/// </summary>
internal static class DotNetCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public static async Task<ProcessResult> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in start.Environment.Keys.Where(IsInherited).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["NUGET_PACKAGES"] = TestRun.PackagesFolder;
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var lines = new[] { process.StandardOutput, process.StandardError }.Select(async reader =>
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                lock (output)
                {
                    output.AppendLine(line);
                }
            }
        }).ToArray();
        using var cancellation = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', args)} did not finish within {Timeout}:\n{output}");
        }

        await Task.WhenAll(lines);
        return new ProcessResult($"dotnet {string.Join(' ', args)}", process.ExitCode, output.ToString());
    }

    public static Task<ProcessResult> RunAsync(string workingDirectory, params string[] args) => RunAsync(workingDirectory, null, args);

    private static bool IsInherited(string name) =>
        name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("DOTNET_HOST", StringComparison.OrdinalIgnoreCase)
        || name is "CI" or "ContinuousIntegrationBuild" or "TF_BUILD" or "GITHUB_ACTIONS"
        || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase);
}
