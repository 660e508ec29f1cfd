using MigrationTasks.Cli.Tests.Support;
using MigrationTasks.Reliability.Tests.BadInput;

namespace MigrationTasks.Reliability.Tests.Secrets;

/// <summary>
/// A runner run inside a GitHub Actions step (GITHUB_ACTIONS=true, the step's output and summary files
/// pointing at temporary files) and the check that the sentinel password leaked nowhere it wrote.
/// </summary>
internal sealed class SecretLeak : IDisposable
{
    // The plain form, the URI's percent-encoded form, libpq's backslash-escaped form, and the parts
    // that survive any of these encodings.
    private static readonly string[] Forbidden =
        [PasswordServer.Sentinel, Uri.EscapeDataString(PasswordServer.Sentinel), "Pw 9/x", "Pw%209%2Fx", "Sentinel@Pw", @"Pw\ 9/x"];

    private readonly string _root = Directory.CreateTempSubdirectory("mt-secrets-").FullName;

    public SecretLeak()
    {
        File.WriteAllText(OutputFile, "");
        File.WriteAllText(SummaryFile, "");
    }

    public string OutputFile => Path.Combine(_root, "github_output");

    public string SummaryFile => Path.Combine(_root, "github_step_summary");

    /// <summary>The variables of a GitHub Actions step, plus <paramref name="extra"/>.</summary>
    public Dictionary<string, string> StepEnvironment(IReadOnlyDictionary<string, string>? extra = null)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_OUTPUT"] = OutputFile,
            ["GITHUB_STEP_SUMMARY"] = SummaryFile,
        };
        foreach (var (name, value) in extra ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        return environment;
    }

    /// <summary>
    /// Every place the run wrote to, less the ::add-mask:: lines (they must carry the secret: that is
    /// how the runner tells GitHub what to hide), with the forbidden strings that occur in each.
    /// </summary>
    public IEnumerable<string> Leaks(CliResult result)
    {
        var written = new Dictionary<string, string>
        {
            ["stdout"] = Unmasked(result.Output),
            ["stderr"] = Unmasked(result.Error),
            ["GITHUB_OUTPUT"] = File.ReadAllText(OutputFile),
            ["GITHUB_STEP_SUMMARY"] = File.ReadAllText(SummaryFile),
        };
        return from place in written
               from secret in Forbidden
               where place.Value.Contains(secret, StringComparison.OrdinalIgnoreCase)
               select $"{place.Key} contains '{secret}'";
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static string Unmasked(string text) =>
        string.Join('\n', text.Split('\n').Where(l => !l.StartsWith("::add-mask::", StringComparison.Ordinal)));
}
