namespace MigrationTasks.Sqlite.Backups;

/// <summary>One backup of a database: automatic (taken before a run, rotated) or a named snapshot (kept until deleted by hand).</summary>
public sealed record BackupFile(string Name, string Path, DateTimeOffset TakenAt, long Bytes, bool Snapshot);
