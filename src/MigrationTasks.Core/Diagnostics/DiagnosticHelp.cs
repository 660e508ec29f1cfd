namespace MigrationTasks.Diagnostics;

/// <summary>
/// Where a code is explained: its anchor in docs/diagnostics.md, which lists every code. MSBuild (HelpLink),
/// SARIF (helpUri) and GitHub annotations carry the link so a reader is one click from the next step.
/// </summary>
public static class DiagnosticHelp
{
    /// <summary>The page every code has a heading in, on the default branch of the repository.</summary>
    public const string Page = "https://github.com/migrationtasks/migrationtasks/blob/main/docs/diagnostics.md";

    /// <summary>The link to <paramref name="code"/>'s entry: its heading (<c>### MT1001</c>) gives the anchor <c>#mt1001</c>.</summary>
    public static string LinkOf(string code) => $"{Page}#{code.ToLowerInvariant()}";
}
