using MigrationTasks.Files;
using MigrationTasks.Planning;

namespace MigrationTasks.Execution;

/// <summary>
/// What the runner needs from a database. Core knows no driver: the PostgreSQL provider implements this.
/// Expected failures are thrown as <see cref="MigrationRunException"/> (lock timeout, unreachable)
/// or <see cref="MigrationFailedException"/> (a migration failed).
/// </summary>
public interface IMigrationDatabase : IAsyncDisposable
{
    /// <summary>Takes the migration lock, waiting up to the configured lock timeout. Disposing the result releases it.</summary>
    Task<IAsyncDisposable> AcquireLockAsync(CancellationToken cancellationToken);

    /// <summary>Creates the history table when missing. Called only while holding the lock.</summary>
    Task EnsureHistoryAsync(CancellationToken cancellationToken);

    /// <summary>Reads the history; an absent history table reads as empty.</summary>
    Task<IReadOnlyList<HistoryEntry>> ReadHistoryAsync(CancellationToken cancellationToken);

    /// <summary>Applies one migration and records it, atomically when it is transactional.</summary>
    Task ApplyAsync(Migration migration, ApplyContext context, CancellationToken cancellationToken);
}

/// <summary>Opens an <see cref="IMigrationDatabase"/>, retrying transient failures.</summary>
public interface IMigrationDatabaseProvider
{
    Task<IMigrationDatabase> OpenAsync(IRunObserver observer, CancellationToken cancellationToken);
}

/// <summary>Facts recorded with every applied migration, and the defaults a migration may override.</summary>
public sealed record ApplyContext(string ToolVersion, string? BundleRootHash, TimeSpan? DefaultLockTimeout, TimeSpan? DefaultStatementTimeout);
