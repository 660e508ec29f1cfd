using System.Diagnostics;
using MigrationTasks.Cli.Tests.Support;

namespace MigrationTasks.Reliability.Tests.Scenarios;

/// <summary>Real `migrations` processes, as replicas or deploy jobs start them, against one database.</summary>
internal static class Runners
{
    public static readonly TimeSpan ProcessTimeout = TimeSpan.FromMinutes(2);

    public static Dictionary<string, string> Environment(string connectionString, params (string Name, string Value)[] extra)
    {
        var environment = new Dictionary<string, string> { ["DATABASE_URL"] = connectionString };
        foreach (var (name, value) in extra)
        {
            environment[name] = value;
        }

        return environment;
    }

    /// <summary>Starts <paramref name="count"/> runners at once and waits for all of them; logs how long each ran.</summary>
    public static async Task<CliResult[]> RunTogetherAsync(int count, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var clock = Stopwatch.StartNew();
        var processes = Enumerable.Range(0, count).Select(_ => Tool.Start(environment, args)).ToList();
        try
        {
            // Timed with one clock rather than Process.StartTime, which reads /proc and throws once the process is reaped.
            var runs = await Task.WhenAll(processes.Select(async p => (Result: await Tool.WaitAsync(p, ProcessTimeout), Seconds: clock.Elapsed.TotalSeconds)));
            var results = runs.Select(r => r.Result).ToArray();
            var seconds = runs.Select(r => r.Seconds).Order().ToList();
            await TestContext.Out.WriteLineAsync(FormattableString.Invariant($"{count} runners: fastest {seconds[0]:0.0} s, median {seconds[count / 2]:0.0} s, slowest {seconds[^1]:0.0} s"));
            return results;
        }
        finally
        {
            foreach (var process in processes)
            {
                process.Dispose();
            }
        }
    }

    /// <summary>Runs one runner process to its end and times it.</summary>
    public static async Task<(CliResult Result, TimeSpan Elapsed)> RunTimedAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var clock = Stopwatch.StartNew();
        using var process = Tool.Start(environment, args);
        var result = await Tool.WaitAsync(process, ProcessTimeout);
        return (result, clock.Elapsed);
    }

    public static string Describe(IEnumerable<CliResult> results) =>
        string.Join("\n", results.Select((r, i) => $"runner {i}: {r}"));
}
