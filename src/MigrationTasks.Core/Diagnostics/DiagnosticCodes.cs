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

    // Lint (Lint/): MT2101-MT2189 are the rules of LintRules, each with its own code.
    public const string UnusedLintWaiver = "MT2190";
    public const string UnknownLintRule = "MT2191";

    public const string LockTimeout = "MT3001";
    public const string DatabaseUnreachable = "MT3002";
    public const string MigrationFailed = "MT3003";
    public const string MigrationFailedOutsideTransaction = "MT3004";
    public const string DatabaseRejected = "MT3005";
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

    public const string InvalidConnection = "MT4001";
    public const string InvalidOption = "MT4002";
    public const string InvalidConfiguration = "MT4003";
    public const string ProtectedEnvironment = "MT4004";
    public const string UnknownEnvironment = "MT4005";
    public const string HistoryNotEmpty = "MT4006";

    // Raised by build/MigrationTasks.targets itself (the tasks need the .NET SDK's MSBuild).
    public const string UnsupportedMsBuild = "MT4100";
}
