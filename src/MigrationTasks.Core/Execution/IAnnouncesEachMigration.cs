using MigrationTasks.Files;

namespace MigrationTasks.Execution;

/// <summary>
/// A database that applies a run of migrations one after another in this process (SQLite) and so can say as each
/// starts and once it is committed: the live counter then advances per migration, not per run of fifty. A database
/// that sends a run in one round trip (PostgreSQL) has nothing to say until it returns, and the runner speaks for it.
/// </summary>
public interface IAnnouncesEachMigration
{
    /// <summary>As <see cref="IMigrationDatabase.ApplyAsync"/> (from the first statement), telling <paramref name="progress"/> as it goes.</summary>
    Task<IReadOnlyList<ApplyResult>> ApplyAsync(IReadOnlyList<Migration> migrations, ApplySettings context, ApplyProgress progress, CancellationToken cancellationToken);
}
