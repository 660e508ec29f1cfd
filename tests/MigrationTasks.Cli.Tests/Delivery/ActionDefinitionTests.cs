using MigrationTasks.Cli.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace MigrationTasks.Cli.Tests.Delivery;

/// <summary>
/// action.yml cannot run here, so its safety rules are checked on the file: no expression inside a
/// script (an input spliced into bash is a script injection), and every input reaches the CLI.
/// </summary>
public sealed class ActionDefinitionTests
{
    private static readonly YamlMappingNode Action = ActionRunner.LoadAction();

    private static IEnumerable<YamlMappingNode> Steps =>
        ((YamlSequenceNode)((YamlMappingNode)Action["runs"])["steps"]).Children.Cast<YamlMappingNode>();

    [Test]
    public void No_run_script_contains_an_expression()
    {
        var scripts = Steps.Where(s => s.Children.ContainsKey("run")).Select(s => ((YamlScalarNode)s["run"]).Value!).ToList();

        Assert.That(scripts, Is.Not.Empty);
        Assert.That(scripts, Has.None.Contain("${{"));
    }

    [Test]
    public void Every_input_is_used_outside_the_scripts()
    {
        var inputs = ((YamlMappingNode)Action["inputs"]).Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToList();
        var stepText = string.Join('\n', Steps.SelectMany(s => s.Children.Where(c => ((YamlScalarNode)c.Key).Value != "run")).Select(c => Text(c.Value)));

        Assert.That(inputs, Is.SupersetOf(new[] { "command", "bundle", "dir", "connection", "dry-run", "target", "lock-timeout", "timeout", "working-directory", "version", "check-drift" }));
        Assert.That(stepText, Does.Contain("MIGRATION_CHECK_DRIFT: ${{ inputs.check-drift != '' && inputs.check-drift || env.MIGRATION_CHECK_DRIFT }}"));
        Assert.That(inputs.Where(i => !stepText.Contains($"inputs.{i}", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public void The_outputs_are_the_ones_the_CLI_writes()
    {
        var outputs = ((YamlMappingNode)Action["outputs"]).Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => Text(((YamlMappingNode)c.Value)["value"]));

        Assert.That(outputs.Keys, Is.EquivalentTo(new[] { "applied-count", "pending-count", "current-version", "exit-code" }));
        Assert.That(outputs.Where(o => o.Value != $"${{{{ steps.run.outputs.{o.Key} }}}}"), Is.Empty);
    }

    private static string Text(YamlNode node) => node switch
    {
        YamlScalarNode scalar => scalar.Value ?? "",
        YamlMappingNode mapping => string.Join('\n', mapping.Children.Select(c => Text(c.Key) + ": " + Text(c.Value))),
        YamlSequenceNode sequence => string.Join('\n', sequence.Children.Select(Text)),
        _ => "",
    };
}
