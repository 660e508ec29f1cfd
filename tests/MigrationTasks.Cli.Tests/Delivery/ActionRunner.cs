using System.Text.RegularExpressions;
using MigrationTasks.Cli.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace MigrationTasks.Cli.Tests.Delivery;

/// <summary>
/// Runs action.yml's own bash steps the way the Actions runner does, for the parts a test here can
/// reach: each <c>run:</c> script under bash with its <c>env:</c> (expressions resolved), its
/// <c>if:</c> and <c>working-directory</c>, and a fresh <c>$GITHUB_OUTPUT</c> file whose
/// <c>key=value</c> lines become <c>steps.&lt;id&gt;.outputs</c>. <c>uses:</c> steps (the cache) are
/// skipped, as on a cache miss; <c>github.*</c> is what the test passes (the ref the workflow uses). Only the expression forms action.yml uses are understood; any other
/// fails the test, so a change to the action cannot silently go untested.
/// </summary>
internal sealed partial class ActionRunner(
    IReadOnlyDictionary<string, string> inputs, Dictionary<string, string> environment, string workspace, string runnerTemp,
    IReadOnlyDictionary<string, string>? github = null)
{
    private readonly Dictionary<string, Dictionary<string, string>> _outputs = [];

    public List<(string Step, CliResult Result)> Results { get; } = [];

    /// <summary>The outputs the <c>run</c> step (the CLI) wrote.</summary>
    public IReadOnlyDictionary<string, string> OutputsOf(string step) => _outputs.TryGetValue(step, out var outputs) ? outputs : [];

    public async Task<int> RunAsync(TimeSpan timeout)
    {
        foreach (var step in LoadSteps())
        {
            if (!step.Children.ContainsKey("run") || (step.Children.TryGetValue("if", out var condition) && !IsTrue(Scalar(condition))))
            {
                continue;
            }

            var id = step.Children.TryGetValue("id", out var idNode) ? Scalar(idNode) : "";
            var outputFile = Path.Combine(runnerTemp, $"output-{id}-{Guid.NewGuid():N}");
            File.WriteAllText(outputFile, "");
            var stepEnvironment = new Dictionary<string, string>(environment)
            {
                ["GITHUB_OUTPUT"] = outputFile,
                ["GITHUB_ACTION_PATH"] = ChildProcess.RepositoryRoot,
            };
            if (step.Children.TryGetValue("env", out var env))
            {
                foreach (var (name, value) in ((YamlMappingNode)env).Children)
                {
                    stepEnvironment[Scalar(name)] = Resolve(Scalar(value));
                }
            }

            var directory = step.Children.TryGetValue("working-directory", out var wd) ? Path.GetFullPath(Resolve(Scalar(wd)), workspace) : workspace;
            var result = await ChildProcess.RunAsync("/bin/bash", ["-e", "-o", "pipefail", "-c", Scalar(step["run"])], stepEnvironment, directory, timeout);
            Results.Add((id, result));
            _outputs[id] = File.ReadAllLines(outputFile).Where(l => l.Contains('=', StringComparison.Ordinal))
                .Select(l => l.Split('=', 2)).GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.Last()[1]);
            if (result.ExitCode != 0)
            {
                return result.ExitCode;
            }
        }

        return 0;
    }

    private string Resolve(string text) => Expression().Replace(text, match => Evaluate(match.Groups[1].Value.Trim()));

    // `a != '' && a || b` is the only operator form action.yml uses: a, unless it is empty, else b.
    private string Evaluate(string expression)
    {
        var fallback = FallbackForm().Match(expression);
        if (fallback.Success)
        {
            var first = Value(fallback.Groups[1].Value);
            return first.Length > 0 && fallback.Groups[1].Value == fallback.Groups[2].Value ? first : Value(fallback.Groups[3].Value);
        }

        return Value(expression);
    }

    private bool IsTrue(string condition)
    {
        var comparison = NotEmptyForm().Match(condition);
        Assert.That(comparison.Success, Is.True, $"action.yml uses an if: this test does not understand: {condition}");
        return Value(comparison.Groups[1].Value).Length > 0;
    }

    private string Value(string path)
    {
        var parts = path.Split('.');
        switch (parts)
        {
            case ["inputs", var name]:
                return inputs.TryGetValue(name, out var input) ? input : Default(name);
            case ["runner", "temp"]:
                return runnerTemp;
            case ["runner", "os"]:
                return "Linux";
            case ["github", var name]:
                return github is not null && github.TryGetValue(name, out var value) ? value : "";
            case ["env", var name]:
                return environment.TryGetValue(name, out var variable) ? variable : "";
            case ["steps", var step, "outputs", var name]:
                return OutputsOf(step).TryGetValue(name, out var output) ? output : "";
            default:
                Assert.Fail($"action.yml uses an expression this test does not understand: {path}");
                return "";
        }
    }

    private static string Default(string input)
    {
        var inputs = (YamlMappingNode)LoadAction()["inputs"];
        Assert.That(inputs.Children.ContainsKey(input), Is.True, $"action.yml has no input '{input}'");
        return ((YamlMappingNode)inputs[input]).Children.TryGetValue("default", out var value) ? Scalar(value) : "";
    }

    private static IEnumerable<YamlMappingNode> LoadSteps() =>
        ((YamlSequenceNode)((YamlMappingNode)LoadAction()["runs"])["steps"]).Children.Cast<YamlMappingNode>();

    /// <summary>action.yml, parsed.</summary>
    public static YamlMappingNode LoadAction()
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine(ChildProcess.RepositoryRoot, "action.yml"));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string Scalar(YamlNode node) => ((YamlScalarNode)node).Value ?? "";

    [GeneratedRegex(@"\$\{\{(.*?)\}\}")]
    private static partial Regex Expression();

    [GeneratedRegex(@"^([\w.-]+) != '' && ([\w.-]+) \|\| ([\w.-]+)$")]
    private static partial Regex FallbackForm();

    [GeneratedRegex(@"^([\w.-]+) != ''$")]
    private static partial Regex NotEmptyForm();
}
