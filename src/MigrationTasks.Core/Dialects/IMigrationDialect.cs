using MigrationTasks.Execution;

namespace MigrationTasks.Dialects;

/// <summary>
/// What the engine must know about a database engine's SQL and errors, without its driver: the
/// PostgreSQL one lives in MigrationTasks.Postgres.Dialect, which references no driver, so the MSBuild
/// task can load it. A provider names its dialect (<see cref="IMigrationDatabaseProvider.Dialect"/>).
/// </summary>
/// <remarks>
/// The splitter, the lint rules and the directives a dialect supports are still read by Core directly
/// and move behind this interface next (docs/architecture-dialect.md).
/// </remarks>
public interface IMigrationDialect
{
    /// <summary>The engine's name, as users write it (<c>postgresql</c>).</summary>
    string Name { get; }

    /// <summary>
    /// Whether a failed transactional migration may be re-run: the database rolled it back entirely
    /// and a second try may well pass (a lock timeout, a deadlock, a serialization failure).
    /// </summary>
    bool IsRetryable(MigrationFailure failure);

    /// <summary>Whether an error code while connecting or taking the lock means "not now" (starting, overloaded) rather than "never".</summary>
    bool IsTransient(string? errorCode);
}
