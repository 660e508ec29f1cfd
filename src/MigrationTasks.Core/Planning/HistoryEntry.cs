using MigrationTasks.Files;

namespace MigrationTasks.Planning;

public enum HistoryStatus
{
    Applied,
    Failed,
}

/// <summary>One row of the history table: what was applied, when, by whom, and with which checksum.</summary>
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
    string? Error = null);
