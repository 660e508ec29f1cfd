using MigrationTasks.Diagnostics;
using MigrationTasks.Files;

namespace MigrationTasks.Planning;

/// <summary>What <c>down</c> would revert, newest first, and the problems that stop it before anything runs.</summary>
public sealed record DownPlan(IReadOnlyList<Migration> ToRevert, IReadOnlyList<Diagnostic> Problems)
{
    public bool IsBlocked => Problems.Any(p => p.IsError);
}
