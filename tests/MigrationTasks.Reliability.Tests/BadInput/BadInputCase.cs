namespace MigrationTasks.Reliability.Tests.BadInput;

/// <summary>Where a case's migrations come from: the folder (--dir) or a published bundle (--bundle).</summary>
internal enum CaseSource
{
    Folder,
    Bundle,
}

/// <summary>
/// One entry of the bad-input catalogue: how to break the input, which command meets it, and what
/// the tool must answer (exit code, MT code, and the file and line the message names). The database
/// must be left exactly as it was, which the runner checks for every case.
/// </summary>
/// <param name="Name">What is wrong, as the test name shows it.</param>
/// <param name="Command">The command and its own options; --dir/--bundle, --connection and --config are added.</param>
/// <param name="Arrange">Breaks the workspace after the base migrations were applied.</param>
/// <param name="Exit">The documented exit code.</param>
/// <param name="Code">The MT code the message must carry.</param>
/// <param name="File">The file name the message must name, when there is a file.</param>
/// <param name="Line">The line the message must name, when there is one (0: none).</param>
internal sealed record BadInputCase(string Name, string[] Command, Func<CaseWorkspace, Task> Arrange, int Exit, string Code, string? File = null, int Line = 0)
{
    public CaseSource Source { get; init; } = CaseSource.Folder;

    /// <summary>
    /// Refused under the migration lock, after reading the history: as documented, such a run leaves
    /// exactly one audit row with outcome 'failed' and changes nothing else.
    /// </summary>
    public bool Audited { get; init; }

    /// <summary>Run on an empty database, without applying the base migrations first.</summary>
    public bool Fresh { get; init; }

    public override string ToString() => Name;

    /// <summary>A case whose arrangement needs no waiting.</summary>
    public static BadInputCase Of(string name, string[] command, Action<CaseWorkspace> arrange, int exit, string code, string? file = null, int line = 0) =>
        new(name, command, ws =>
        {
            arrange(ws);
            return Task.CompletedTask;
        }, exit, code, file, line);
}
