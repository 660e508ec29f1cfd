using System.Diagnostics;

namespace MigrationTasks.Cli.Tests.Support;

/// <summary>
/// Runs a program to completion with an exact environment (nothing inherited unless passed), as a
/// deployment system starts the runner, and returns its exit code and interleaved output.
/// </summary>
internal static class ChildProcess
{
    public static async Task<CliResult> RunAsync(string program, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment, string workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            // Never the terminal the tests were started from: a runner that sees one is interactive (short connect budget).
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        return await Tool.WaitAsync(process, timeout);
    }

    /// <summary>The dotnet installation running these tests, for DOTNET_ROOT and the dotnet CLI itself.</summary>
    public static string DotNetRoot { get; } = new DirectoryInfo(Path.GetDirectoryName(typeof(object).Assembly.Location)!).Parent!.Parent!.Parent!.FullName;

    /// <summary>What every child needs to find dotnet and write its first-run files somewhere harmless.</summary>
    public static Dictionary<string, string> BaseEnvironment(string home) => new()
    {
        ["PATH"] = $"{DotNetRoot}:/usr/local/bin:/usr/bin:/bin",
        ["HOME"] = home,
        ["DOTNET_ROOT"] = DotNetRoot,
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        ["MSBUILDDISABLENODEREUSE"] = "1",
    };

    /// <summary>The repository root, found from the test assembly's location.</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "MigrationTasks.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException("MigrationTasks.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>bin/&lt;Configuration&gt;/net10.0/: the configuration this test assembly was built in.</summary>
    public static string Configuration => new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
}
