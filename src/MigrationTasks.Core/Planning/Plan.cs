using MigrationTasks.Diagnostics;
using MigrationTasks.Files;

namespace MigrationTasks.Planning;

public enum MigrationState
{
    Applied,
    Pending,
    Failed,
    ChecksumMismatch,
    MissingFile,
    OutOfOrder,
}

/// <summary>One line of <c>migrations status</c>: a version with its file, its history row, or both.</summary>
public sealed record PlanEntry(MigrationVersion Version, string Name, MigrationState State, Migration? Migration, HistoryEntry? History)
{
    /// <summary>As the folder writes it ("0002"): the file's spelling, or for a row without a file the folder's padding.</summary>
    public string VersionText { get; init; } = Migration?.VersionText ?? Version.Value;
}

/// <summary>Where <c>up --resume</c> picks up a failed no-transaction migration: at its failed statement (0-based).</summary>
public sealed record ResumePoint(Migration Migration, int Statement);

/// <summary>
/// What comparing the files with the history found: every version's state, the migrations to apply
/// in order, and the problems that stop a run.
/// </summary>
public sealed record Plan(IReadOnlyList<PlanEntry> Entries, IReadOnlyList<Migration> Pending, IReadOnlyList<Diagnostic> Problems)
{
    public bool IsBlocked => Problems.Any(p => p.IsError);

    public bool HasFailedMigration => Problems.Any(p => p.Code is DiagnosticCodes.FailedMigration or DiagnosticCodes.CannotResume);

    /// <summary>Set when the first pending migration resumes a failed no-transaction one.</summary>
    public ResumePoint? Resume { get; init; }
}
