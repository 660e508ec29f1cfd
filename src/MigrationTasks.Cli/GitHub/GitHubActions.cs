using MigrationTasks.Postgres.Connections;

namespace MigrationTasks.Cli.GitHub;

/// <summary>
/// What the runner tells a step through its environment. Read through the injected variable lookup,
/// not the process environment, so tests can drive a GitHub run in-process.
/// </summary>
internal sealed record GitHubActions(string? OutputFile, string? SummaryFile, string? Workspace)
{
    public static GitHubActions? Detect(Func<string, string?> getVariable) =>
        string.Equals(getVariable("GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase)
            ? new GitHubActions(NonEmpty(getVariable("GITHUB_OUTPUT")), NonEmpty(getVariable("GITHUB_STEP_SUMMARY")), NonEmpty(getVariable("GITHUB_WORKSPACE")))
            : null;

    /// <summary>
    /// Registers every connection secret with the runner before anything else is printed: once
    /// registered, the runner hides it in every later log line, whichever process writes it.
    /// Every candidate setting is masked, not only the one in use, because it costs nothing.
    /// </summary>
    /// <param name="commandLineDevServer">verify's --dev-url: a server URL that may hold a password too.</param>
    /// <param name="strayConnections">Connection strings elsewhere on the command line (<see cref="StrayConnections"/>).</param>
    public static void MaskSecrets(TextWriter commands, string? commandLineConnection, Func<string, string?> getVariable, string? commandLineDevServer = null,
        IEnumerable<string>? strayConnections = null)
    {
        string?[] settings =
        [
            commandLineConnection,
            getVariable(ConnectionSource.MigrationDatabaseUrlVariable),
            getVariable(ConnectionSource.DatabaseUrlVariable),
            commandLineDevServer,
            getVariable(Commands.VerifyCommand.DevUrlVariable),
            .. strayConnections ?? [],
        ];
        foreach (var secret in settings.SelectMany(SecretMasks.For).Distinct(StringComparer.Ordinal))
        {
            commands.WriteLine(WorkflowCommands.Mask(secret));
        }

        commands.Flush();
    }

    /// <summary>A path the annotation can show on the file in the pull request: relative to the checkout.</summary>
    public string RelativeToWorkspace(string file)
    {
        if (Workspace is null)
        {
            return file;
        }

        // A relative --dir is relative to the step's working directory, which need not be the checkout's root.
        var relative = Path.GetRelativePath(Workspace, Path.GetFullPath(file));
        return relative.StartsWith("..", StringComparison.Ordinal) ? file : relative.Replace('\\', '/');
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
