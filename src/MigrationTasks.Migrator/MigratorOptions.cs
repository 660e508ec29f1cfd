using MigrationTasks.Configuration;
using MigrationTasks.Execution;

namespace MigrationTasks.Migrator;

/// <summary>What a <see cref="Migrator"/> applies, and where: the settings of migrations.yaml that matter in code.</summary>
public sealed record MigratorOptions
{
    /// <summary>
    /// The database: a <c>postgresql://</c> URI or key=value string (Npgsql's or libpq's), or a SQLite
    /// file (<c>sqlite:app.db</c>, <c>Data Source=app.db</c>). Never printed: messages name the host or file only.
    /// </summary>
    public required string Connection { get; init; }

    /// <summary>The migrations folder; <c>migrations</c> when neither this nor <see cref="Bundle"/> is set.</summary>
    public string? Directory { get; init; }

    /// <summary>A publish bundle (the <c>migrations</c> folder of a <c>dotnet publish</c>), verified before anything connects.</summary>
    public string? Bundle { get; init; }

    /// <summary>How long to wait for another runner's lock (then <see cref="RunOutcome.LockNotAcquired"/>).</summary>
    public TimeSpan LockTimeout { get; init; } = MigrationsOptions.DefaultTimeout;

    /// <summary>How long connecting may keep retrying a database that is starting.</summary>
    public TimeSpan ConnectTimeout { get; init; } = MigrationsOptions.DefaultTimeout;

    /// <summary>PostgreSQL: the schema of the history and audit tables.</summary>
    public string HistorySchema { get; init; } = Postgres.PostgresSettings.DefaultHistorySchema;

    public string HistoryTable { get; init; } = Postgres.PostgresSettings.DefaultHistoryTable;

    /// <summary>SQLite: back the file up before a run changes it, and restore it when the run fails.</summary>
    public bool Backup { get; init; } = true;

    /// <summary>Receives every event of a run (migration started, applied, failed, lock waits, notices); null for none.</summary>
    public IRunObserver? Observer { get; init; }

    /// <summary>Recorded with every history row, as the tool's version is by the CLI.</summary>
    public string RecordedAs { get; init; } = "MigrationTasks.Migrator " + typeof(MigratorOptions).Assembly.GetName().Version?.ToString(3);
}
