using MigrationTasks.Diagnostics;

namespace MigrationTasks.Files;

/// <summary>The migrations of a folder or bundle in version order, with what was wrong with them.</summary>
public sealed record MigrationSet(IReadOnlyList<Migration> Migrations, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.IsError);
}
