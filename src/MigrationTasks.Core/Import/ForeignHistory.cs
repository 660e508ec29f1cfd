using MigrationTasks.Files;

namespace MigrationTasks.Import;

/// <summary>
/// One row of another tool's history table, in neutral terms. <paramref name="Version"/> is the
/// version the tool recorded (null for a Flyway repeatable, whose <paramref name="Name"/> is its
/// description); <paramref name="Checksum"/> is the tool's own (Flyway's CRC32, Drizzle's SHA-256 hex).
/// </summary>
public sealed record ForeignRow(MigrationVersion? Version, string Name, DateTimeOffset? AppliedAt, string? Checksum)
{
    /// <summary>
    /// The file name (without <c>.sql</c>) the tool knows the migration by, for a tool that matches files by
    /// name rather than version (node-pg-migrate): a local file with the same version but another name is
    /// not the one that ran. Null when the tool keys by version.
    /// </summary>
    public string? FileName { get; init; }
}

/// <summary>What another tool's history table says about the database.</summary>
public sealed record ForeignHistory(ImportTool Tool, string Table, IReadOnlyList<ForeignRow> Rows)
{
    /// <summary>
    /// Every version at or below this one is applied: golang-migrate keeps only the version reached,
    /// and a Flyway baseline row stands for everything up to it.
    /// </summary>
    public MigrationVersion? AppliedThrough { get; init; }

    /// <summary>Rows whose version is none of ours (a Flyway version of three parts or more), each said as unmatched.</summary>
    public IReadOnlyList<string> Unreadable { get; init; } = [];

    /// <summary>Why the tool's state is not clean (golang-migrate dirty, a failed Flyway row); null when it is.</summary>
    public string? NotClean { get; init; }
}
