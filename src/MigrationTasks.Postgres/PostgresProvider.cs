using MigrationTasks.Diagnostics;
using MigrationTasks.Dialects;
using MigrationTasks.Execution;
using MigrationTasks.Postgres.Dialect;
using MigrationTasks.Postgres.Resilience;
using Npgsql;

namespace MigrationTasks.Postgres;

/// <summary>
/// Opens PostgreSQL for a run: retries transient failures with backoff until the connect deadline,
/// fails at once on the rest (bad password, missing database) with a message that never holds a secret.
/// </summary>
public sealed class PostgresProvider : IMigrationDatabaseProvider
{
    private readonly PostgresSettings _settings;
    private readonly NpgsqlConnectionStringBuilder _connection;
    private NpgsqlDataSource? _dataSource;

    public PostgresProvider(PostgresSettings settings)
    {
        _settings = settings;

        // Our connections live for one run; a pool would only keep them open after it. Command timeouts
        // are off so the server-side lock_timeout and statement_timeout govern. The failed batch command
        // tells which statement of a migration failed, so the error can point at its line.
        _connection = new NpgsqlConnectionStringBuilder(settings.Connection.ConnectionString)
        {
            Pooling = false,
            CommandTimeout = 0,
            IncludeFailedBatchedCommand = true,
            // The session reset after a migration runs DEALLOCATE ALL, which would break statements Npgsql prepared itself.
            MaxAutoPrepare = 0,
        };
    }

    public IMigrationDialect Dialect => PostgresDialect.Instance;

    public async Task<IMigrationDatabase> OpenAsync(IRunObserver observer, CancellationToken cancellationToken)
    {
        var connection = _settings.FleetSessions is { } sessions
            ? await sessions.TakeAsync(_settings.Connection, observer, cancellationToken).ConfigureAwait(false)
            : await ConnectAsync(observer, cancellationToken).ConfigureAwait(false);
        return new PostgresDatabase(connection, ct => ConnectAsync(observer, ct), _settings, observer);
    }

    /// <summary>A plain connection with the run's retry, for work beside the history (reading another tool's history to import it).</summary>
    internal Task<NpgsqlConnection> OpenConnectionAsync(IRunObserver observer, CancellationToken cancellationToken) => ConnectAsync(observer, cancellationToken);

    internal PostgresSettings Settings => _settings;

    private async Task<NpgsqlConnection> ConnectAsync(IRunObserver observer, CancellationToken cancellationToken)
    {
        var policy = new RetryPolicy(_settings.ConnectTimeout, timeProvider: _settings.Time);
        // One data source for the run's connections (work, lock, audit): building it costs more than a connect.
        _dataSource ??= DatabaseConnector.CreateDataSource(_connection, policy.Deadline, _settings.ConnectionSettingName);
        try
        {
            return await DatabaseConnector.OpenAsync(_dataSource, _connection, policy,
                attempt => observer.On(new RetryingEvent("connect", attempt.Attempt, attempt.Delay, RedactedDetail.Without(attempt.Exception.Message))),
                _settings.ConnectionSettingName,
                cancellationToken).ConfigureAwait(false);
        }
        catch (RetriesExhaustedException e)
        {
            // The message names host, port, database, attempts and the last error, never the password.
            throw new MigrationRunException(RunOutcome.DatabaseUnreachable,
                Diagnostic.Error(DiagnosticCodes.DatabaseUnreachable, e.Message) with { Setting = Configuration.SettingNames.ConnectTimeout }, e);
        }
        catch (DatabaseConnectException e)
        {
            throw new MigrationRunException(RunOutcome.DatabaseUnreachable, Diagnostic.Error(DiagnosticCodes.DatabaseRejected, e.Message), e);
        }
    }
}
