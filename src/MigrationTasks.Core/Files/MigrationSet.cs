using MigrationTasks.Diagnostics;

namespace MigrationTasks.Files;

/// <summary>The migrations of a folder or bundle in version order, with what was wrong with their files.</summary>
/// <remarks>Reading never lints: the safety rules are their own step over the set (<see cref="Lint.LintPass"/>).</remarks>
public sealed record MigrationSet(IReadOnlyList<Migration> Migrations, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.IsError);

    /// <summary>
    /// Every script read, in reading order: the migrations' and any left out of them (a down file
    /// without its up), so that the linter judges what the reader read.
    /// </summary>
    public IReadOnlyList<ReadScript> Scripts { get; init; } = [];
}

/// <summary>A script as read, and where its lint findings are reported: after its own problems.</summary>
/// <param name="FindingsAt">How many of the set's <see cref="MigrationSet.Diagnostics"/> come before its lint findings.</param>
public sealed record ReadScript(MigrationScript Script, int FindingsAt);
