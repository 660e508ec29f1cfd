using MigrationTasks.Files;
using MigrationTasks.Planning;

namespace MigrationTasks.Execution;

/// <summary>
/// What the runner needs from a database. Core knows no driver: the PostgreSQL provider implements this.
/// Expected failures are thrown as <see cref="MigrationRunException"/> (lock timeout, unreachable)
/// or <see cref="MigrationFailedException"/> (a down script failed); a migration that fails to apply
/// is a result of <see cref="ApplyAsync"/>, not an exception.
/// </summary>
public interface IMigrationDatabase : IAsyncDisposable
{
    /// <summary>Takes the migration lock, waiting up to the configured lock timeout. Disposing the result releases it.</summary>
    Task<IAsyncDisposable> AcquireLockAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Says the lock will be asked for soon (the run found work to do): a provider that holds it on a session of its
    /// own may start opening that session while the runner checks the pending migrations. Takes no lock and changes
    /// nothing in the database; the default does nothing.
    /// </summary>
    void PrepareLock(CancellationToken cancellationToken)
    {
    }

    /// <summary>Creates the history and audit tables when missing. Called only while holding the lock.</summary>
    Task EnsureHistoryAsync(CancellationToken cancellationToken);

    /// <summary>Reads the history; an absent history table reads as empty.</summary>
    Task<IReadOnlyList<HistoryEntry>> ReadHistoryAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Applies migrations in order, each recorded with its history row, atomically when it is
    /// transactional; the provider may send several transactional ones together to save round trips.
    /// It stops at the first that fails: the ones before it stay applied. A no-transaction migration
    /// starts at <paramref name="firstStatement"/> (non-zero only for <c>up --resume</c>, of one migration).
    /// </summary>
    /// <returns>One result per migration, in order: applied, failed (the first that failed), or not attempted (those after it).</returns>
    Task<IReadOnlyList<ApplyResult>> ApplyAsync(IReadOnlyList<Migration> migrations, ApplySettings context, int firstStatement, CancellationToken cancellationToken);

    /// <summary>Runs the down script of an applied migration and removes its history row, atomically when it is transactional.</summary>
    Task RevertAsync(Migration migration, ApplySettings context, CancellationToken cancellationToken);

    /// <summary>Records migrations as applied without running them (baseline, mark-applied), replacing failed rows, in one transaction.</summary>
    Task RecordAsAppliedAsync(IReadOnlyList<Migration> migrations, ApplySettings context, CancellationToken cancellationToken);

    /// <summary>Deletes failed rows and re-records accepted checksums, in one transaction.</summary>
    Task RepairAsync(IReadOnlyList<MigrationVersion> clearFailed, IReadOnlyList<Migration> acceptChecksums, CancellationToken cancellationToken);

    /// <summary>Indexes left unusable (typically by a failed concurrent build), with the statements that drop them.</summary>
    Task<IReadOnlyList<InvalidIndex>> FindInvalidIndexesAsync(CancellationToken cancellationToken);

    /// <summary>The live schema's fingerprint (the history's own tables left out).</summary>
    Task<Schema.SchemaFingerprint> ReadSchemaAsync(CancellationToken cancellationToken);

    /// <summary>Records the live schema on the applied row recorded last (after a rolled-back failure, whose batch recorded none).</summary>
    Task RecordSchemaAsync(CancellationToken cancellationToken);

    /// <summary>The schema recorded with the applied migration recorded last; null when none is applied (or the history is absent).</summary>
    Task<Schema.RecordedSchema?> ReadRecordedSchemaAsync(CancellationToken cancellationToken);

    /// <summary>Appends a row to the audit table; must work after a cancelled or failed run.</summary>
    Task WriteAuditAsync(AuditRecord record, CancellationToken cancellationToken);
}

/// <summary>Opens an <see cref="IMigrationDatabase"/>, retrying transient failures.</summary>
public interface IMigrationDatabaseProvider
{
    /// <summary>The database engine's dialect: how its failures are classified.</summary>
    Dialects.IMigrationDialect Dialect { get; }

    Task<IMigrationDatabase> OpenAsync(IRunObserver observer, CancellationToken cancellationToken);
}

/// <summary>
/// What a provider is given to apply migrations: the facts recorded with each (tool version, bundle
/// root hash) and the defaults a migration may override. Nothing else of the run reaches it.
/// </summary>
public sealed record ApplySettings(string ToolVersion, string? BundleRootHash, TimeSpan? DefaultLockTimeout, TimeSpan? DefaultStatementTimeout)
{
    /// <summary>Record the schema fingerprint with the history (on by default; off only to measure what it costs).</summary>
    public bool RecordSchema { get; init; } = true;
}

/// <summary>
/// What a run is given: what the provider applies and records (<see cref="Apply"/>), and what only
/// the engine reads: who ran it and where (the audit table), how to retry, what the safety rules judge.
/// </summary>
public sealed record ApplyContext(string ToolVersion, string? BundleRootHash, TimeSpan? DefaultLockTimeout, TimeSpan? DefaultStatementTimeout)
{
    /// <summary>Who ran the tool on the machine, for the audit table (the database user is taken by the server).</summary>
    public string OsUser { get; init; } = System.Environment.UserName;

    /// <summary>The environment selected with --environment or MIGRATION_ENVIRONMENT, for the audit table.</summary>
    public string? Environment { get; init; }

    /// <summary>How the front end that runs spells the next steps a failure names, for the audit row's detail.</summary>
    public Diagnostics.StepSpelling Steps { get; init; } = Diagnostics.StepSpelling.Words;

    public MigrationRetry Retry { get; init; } = MigrationRetry.Default;

    /// <summary>The clock the engine waits on between attempts; tests pass a fake one instead of sleeping.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Lint rule severities from migrations.yaml by rule id (null for off), for the pending migrations; null for the defaults.</summary>
    public IReadOnlyDictionary<string, Diagnostics.DiagnosticSeverity?>? LintSeverities { get; init; }

    /// <summary>Which pending migrations the safety rules judge (lint.since, lint.enabled).</summary>
    public Lint.LintScope LintScope { get; init; } = Lint.LintScope.Everything;

    /// <summary>Record the schema fingerprint with the history (MIGRATION_RECORD_SCHEMA=false turns it off, to measure its cost).</summary>
    public bool RecordSchema { get; init; } = true;

    /// <summary>The part of the context the provider is given.</summary>
    public ApplySettings Apply => new(ToolVersion, BundleRootHash, DefaultLockTimeout, DefaultStatementTimeout) { RecordSchema = RecordSchema };
}
