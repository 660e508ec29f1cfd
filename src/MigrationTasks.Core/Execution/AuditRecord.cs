namespace MigrationTasks.Execution;

public enum AuditOutcome
{
    Succeeded,
    Failed,
    Cancelled,
}

/// <summary>
/// One row of the append-only audit table: what a run did to the history (up, down, baseline,
/// mark-applied, repair), to which versions, how it ended, and who ran it. The database user and
/// the time are taken by the server itself.
/// </summary>
public sealed record AuditRecord(
    string Action,
    IReadOnlyList<string> Versions,
    AuditOutcome Outcome,
    string OsUser,
    string ToolVersion,
    string? BundleRootHash,
    string? Environment,
    string? Detail);
