using MigrationTasks.Files;

namespace MigrationTasks.Planning;

public enum HistoryStatus
{
    Applied,
    Failed,
}

/// <summary>
/// One row of the history table: what was applied, when, by whom, and with which checksum. A failed
/// no-transaction migration also keeps the checksum of the statements that did complete
/// (<see cref="CompletedChecksum"/>), so <c>up --resume</c> can tell whether they were edited since.
/// </summary>
public sealed record HistoryEntry(
    MigrationVersion Version,
    string Name,
    string Checksum,
    HistoryStatus Status,
    bool Transactional,
    DateTimeOffset AppliedAt,
    string AppliedBy,
    TimeSpan ExecutionTime,
    string ToolVersion,
    string? BundleRootHash = null,
    int? FailedStatement = null,
    string? Error = null,
    string? CompletedChecksum = null);
