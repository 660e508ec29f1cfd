namespace MigrationTasks.Diagnostics;

/// <summary>
/// Every code a user can see. Codes are stable: never renumber, only add.
/// MT1xxx: migration files. MT2xxx: files against history, and the lint rules (MT2101+). MT3xxx: running against a database.
/// MT4xxx: configuration and usage.
/// </summary>
public static class DiagnosticCodes
{
    public const string DirectoryNotFound = "MT1000";
    public const string InvalidFileName = "MT1001";
    public const string DuplicateVersion = "MT1002";
    public const string DownWithoutUp = "MT1003";
    public const string InvalidEncoding = "MT1004";
    public const string UnterminatedToken = "MT1005";
    public const string UnknownDirective = "MT1006";
    public const string InvalidDirectiveArgument = "MT1007";
    public const string EmptyMigration = "MT1008";
    public const string MisplacedDirective = "MT1009";
    public const string DuplicateDirective = "MT1010";

    // migrations.sum (Sums/) and statements that cannot run in a transaction (Lint/).
    public const string SumInvalid = "MT1011";
    public const string SumConflict = "MT1012";
    public const string SumAltered = "MT1013";
    public const string RecordedMigrationChanged = "MT1014";
    public const string RecordedMigrationMissing = "MT1015";
    public const string SumOutOfDate = "MT1016";
    public const string BelowRecordedVersion = "MT1017";
    public const string NotInTransactionBlock = "MT1018";
    public const string FileAccessFailed = "MT1019";
    public const string NulCharacter = "MT1020";
    public const string OutsideMigrationsFolder = "MT1021";
    public const string TwoPhaseCommit = "MT1022";
    public const string CopyWithClient = "MT1023";

    // Other tools' layouts (Layouts/): a folder mixing two styles, a file its own tool would not read.
    public const string MixedLayouts = "MT1024";
    public const string InvalidLayoutFile = "MT1025";

    // A file that holds its own BEGIN ... COMMIT (Lint/OwnTransactions).
    public const string UnclosedTransaction = "MT1026";

    // SQLite (MigrationTasks.Sqlite.Dialect): what its ALTER TABLE cannot do, PRAGMAs that do nothing in a transaction.
    public const string SqliteAlterUnsupported = "MT1040";
    public const string SqlitePragmaInTransaction = "MT1041";

    // Bundles (Bundles/): the runner refuses a bundle that does not verify.
    public const string BundleManifestInvalid = "MT1100";
    public const string BundleFormatUnsupported = "MT1101";
    public const string BundleChecksumMismatch = "MT1102";
    public const string BundleFileMissing = "MT1103";
    public const string BundleExtraFile = "MT1104";
    public const string BundleRootHashMismatch = "MT1105";

    public const string ChecksumMismatch = "MT2001";
    public const string MissingFile = "MT2002";
    public const string OutOfOrder = "MT2003";
    public const string FailedMigration = "MT2004";
    // A folder with no migrations, or one whose name differs from the expected only in case (Files/FolderNameCheck).
    public const string NoMigrations = "MT1060";
    public const string FolderNameCase = "MT1061";
    public const string UnknownTarget = "MT2005";
    public const string DownScriptMissing = "MT2006";
    public const string CannotResume = "MT2007";
    public const string NotApplied = "MT2008";
    public const string AlreadyApplied = "MT2009";

    // migrations import (Import/): the other tool's history is not clean, or names what no local file is.
    public const string ForeignHistoryNotClean = "MT2010";
    public const string ImportUnmatched = "MT2011";
    public const string ForeignHistoryFound = "MT2012";

    // mark-applied of a version above pending ones: the next up would find them out of order.
    public const string MarkedAbovePending = "MT2013";

    // migrations verify (Schema/RoundTrip): a down file that does not undo its up file, an up that does not
    // rebuild the same schema, a migration without a down file, a migration that fails on the scratch database.
    public const string DownLeavesDifferences = "MT2020";
    public const string UpAgainDiffers = "MT2021";
    public const string Irreversible = "MT2022";
    public const string VerifyApplyFailed = "MT2023";

    // Lint: a directive the dialect's vocabulary accepts but its engine ignores (SQLite's PostgreSQL timeouts).
    public const string IgnoredDirective = "MT2030";

    // Lint (Lint/): MT2101-MT2189 are the rules of LintRules, each with its own code.
    public const string UnusedLintWaiver = "MT2190";
    public const string UnknownLintRule = "MT2191";

    public const string LockTimeout = "MT3001";
    public const string DatabaseUnreachable = "MT3002";
    public const string MigrationFailed = "MT3003";
    public const string MigrationFailedOutsideTransaction = "MT3004";
    public const string DatabaseRejected = "MT3005";

    // SQLite's backups (MigrationTasks.Sqlite): a failed run is put back from the backup taken before it.
    public const string RestoredFromBackup = "MT3050";
    public const string BackupFailed = "MT3051";
    public const string BackupNotFound = "MT3052";
    public const string BackupsNeedSqlite = "MT3053";

    // Once "drift, dump and up --check-drift need PostgreSQL"; no longer raised, since SQLite's schema is read too.
    // Kept so the code keeps its entry in docs/diagnostics.md and is never given another meaning.
    [Obsolete("MT3054 is no longer raised; never reuse the code.")]
    public const string SchemaNeedsPostgres = "MT3054";

    public const string RetryingMigration = "MT3006";
    public const string InvalidIndexLeft = "MT3007";
    public const string RunTimedOut = "MT3008";
    public const string InternalError = "MT3009";
    public const string AuditNotWritten = "MT3010";

    // The database refuses the runner's own queries (history, audit) before any migration runs: exit 5.
    public const string DatabaseReadOnly = "MT3011";
    public const string RunnerQueryCancelled = "MT3012";
    public const string RunnerLacksPrivilege = "MT3013";
    public const string RunnerSchemaMissing = "MT3014";

    // The live schema against the one recorded with the history (Schema/, docs/drift.md).
    public const string SchemaDrift = "MT3015";
    public const string SchemaNotRecorded = "MT3016";
    public const string SchemaFingerprintVersion = "MT3017";

    // Fleets: a tenant's run, and the run as a whole.
    public const string TenantFailed = "MT3030";
    public const string TenantSkippedLocked = "MT3031";
    public const string FleetIncomplete = "MT3032";
    public const string TenantQueryFailed = "MT3033";

    public const string InvalidConnection = "MT4001";
    public const string InvalidOption = "MT4002";
    public const string InvalidConfiguration = "MT4003";
    public const string ProtectedEnvironment = "MT4004";
    public const string UnknownEnvironment = "MT4005";
    public const string HistoryNotEmpty = "MT4006";

    // migrations verify: no dev server given, or the scratch database could not be created.
    public const string DevServerMissing = "MT4020";
    public const string ScratchDatabaseFailed = "MT4021";

    // migrations.yaml's drift.exclude: a glob the fingerprint cannot apply.
    public const string InvalidSchemaGlob = "MT4022";

    // Fleets (Fleets/): the tenant list and the fleet options.
    public const string DuplicateTenant = "MT4030";
    public const string NoTenants = "MT4031";
    public const string InvalidTenantList = "MT4032";
    public const string InvalidFleetOption = "MT4033";

    // migrations init: a file or folder it would create is already there.
    public const string InitWouldOverwrite = "MT4040";

    // SQLite (MigrationTasks.Sqlite): what stays PostgreSQL-only.
    public const string VerifyNeedsPostgres = "MT4055";

    // Raised by build/MigrationTasks.targets itself (the tasks need the .NET SDK's MSBuild).
    public const string UnsupportedMsBuild = "MT4100";
}
