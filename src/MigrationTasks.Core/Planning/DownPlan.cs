using MigrationTasks.Diagnostics;
using MigrationTasks.Files;

namespace MigrationTasks.Planning;

/// <summary>What <c>down</c> would revert, newest first, and the problems that stop it before anything runs.</summary>
public sealed record DownPlan(IReadOnlyList<Migration> ToRevert, IReadOnlyList<Diagnostic> Problems)
{
    /// <summary>The versions applied before the revert, oldest first, spelled as their files are: what a fleet report's from and to versions are read from.</summary>
    public IReadOnlyList<string> Applied { get; init; } = [];

    public bool IsBlocked => Problems.Any(p => p.IsError);
}
