namespace MigrationTasks.Execution;

/// <summary>
/// A database the provider can put back as it was before a run changed it (SQLite: from the backup
/// it takes before the run's first change). <see cref="AuditedRun"/> asks for it when a run fails,
/// before the audit row is written, so the row survives the restore.
/// </summary>
public interface IRestorableDatabase
{
    /// <summary>Restores the backup this run took, if it took one (nothing changed, or backups are off: null).</summary>
    /// <returns>Where the database was restored from, to tell the user.</returns>
    Task<string?> RestoreAsync(CancellationToken cancellationToken);
}
