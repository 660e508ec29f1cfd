using MigrationTasks.Cli.Commands;

namespace MigrationTasks.Cli.Reporting;

/// <summary>
/// Whether a person is watching: the one place that decides it, from the console's redirection, the CI and container
/// variables and <see cref="Override"/>, so the fast connect budget, live progress and colour agree, and a test can
/// state the answer (a test process never has a terminal).
/// </summary>
/// <param name="Interactive">stdin or stdout is a terminal and nothing says CI or container: a person waits for the answer.</param>
/// <param name="LiveOutput">stdout itself is that terminal: a line may be redrawn in place.</param>
/// <param name="Color">Live output, and neither NO_COLOR nor TERM=dumb asks for plain text.</param>
internal sealed record Terminal(bool Interactive, bool LiveOutput, bool Color)
{
    /// <summary>true or false: forces the decision either way (tests; a wrapper script that knows better).</summary>
    public const string Override = "MIGRATION_INTERACTIVE";

    /// <summary>Set in CI services, Kubernetes pods and .NET's container images: the run is unattended even under a pseudo-terminal.</summary>
    public static readonly IReadOnlyList<string> UnattendedVariables =
        ["CI", "GITHUB_ACTIONS", "TF_BUILD", "GITLAB_CI", "JENKINS_URL", "BUILDKITE", "TEAMCITY_VERSION", "KUBERNETES_SERVICE_HOST", "DOTNET_RUNNING_IN_CONTAINER"];

    /// <summary>Nobody watching: plain lines, the long budget. What tests and redirected output get.</summary>
    public static readonly Terminal Unattended = new(false, false, false);

    public static Terminal Detect(EnvironmentSettings environment, bool inputIsTerminal, bool outputIsTerminal)
    {
        var forced = environment.Get(Override) is null ? (bool?)null : environment.Flag(Override);
        var unattended = UnattendedVariables.Any(name => environment.Get(name) is { } value && value != "false" && value != "0");
        var interactive = forced ?? (!unattended && (inputIsTerminal || outputIsTerminal));
        var live = forced ?? (!unattended && outputIsTerminal);
        var color = live && environment.Get("NO_COLOR") is null && environment.Get("TERM") != "dumb";
        return new Terminal(interactive, live, color);
    }
}
