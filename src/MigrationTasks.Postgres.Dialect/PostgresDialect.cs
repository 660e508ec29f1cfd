using MigrationTasks.Dialects;
using MigrationTasks.Execution;

namespace MigrationTasks.Postgres.Dialect;

/// <summary>PostgreSQL's dialect: failure classification by SQLSTATE (<see cref="SqlStates"/>), with no driver.</summary>
public sealed class PostgresDialect : IMigrationDialect
{
    public static readonly PostgresDialect Instance = new();

    private PostgresDialect()
    {
    }

    public string Name => "postgresql";

    public bool IsRetryable(MigrationFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return SqlStates.RetryableMigrationFailures.Contains(failure.SqlState);
    }

    public bool IsTransient(string? errorCode) => errorCode is not null && SqlStates.TransientConnectionFailures.Contains(errorCode);
}
