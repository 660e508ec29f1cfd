using MigrationTasks.Lint;

namespace MigrationTasks.Configuration;

public enum ValueKind
{
    Text,
    Integer,
    Duration,
    Boolean,

    /// <summary>A lint rule's severity: <c>error</c>, <c>warning</c> or <c>off</c>.</summary>
    Severity,

    /// <summary>A migration version: <c>0042</c>, <c>20240101120000</c>, or a Flyway decimal such as <c>1.1</c>.</summary>
    Version,

    /// <summary>A folder layout: <c>auto</c> or a tool's name (Layouts/MigrationLayout).</summary>
    Layout,

    /// <summary>A list of schema names (a YAML sequence, or one name).</summary>
    Names,

    /// <summary>A list of globs over object identities (Schema/SchemaScope), each checked where it is written.</summary>
    Globs,
}

/// <summary>
/// Every key migrations.yaml may hold, with its type. Anything else is an error, because a
/// misspelt key (<c>lock.timout</c>) silently ignored is a setting that never took effect.
/// </summary>
public static class ConfigurationKeys
{
    public const string Directory = "directory";
    public const string Format = "format";

    /// <summary>The database engine the migrations are written for (<c>postgresql</c>, <c>sqlite</c>): how the build lints them without a connection.</summary>
    public const string Engine = "engine";

    /// <summary>SQLite: where the backups before each run go, and how many automatic ones to keep.</summary>
    public const string BackupFolder = "backup.folder";
    public const string BackupKeep = "backup.keep";
    public const string HistorySchema = "history.schema";
    public const string HistoryTable = "history.table";
    public const string LockKey = "lock.key";
    public const string LockTimeout = "lock.timeout";
    public const string Timeout = "timeout";
    public const string DefaultLockTimeout = "defaults.lock_timeout";
    public const string DefaultStatementTimeout = "defaults.statement_timeout";
    public const string RetryAttempts = "retry.attempts";
    public const string RetryInitialDelay = "retry.initial_delay";
    public const string RetryMaxDelay = "retry.max_delay";

    /// <summary>Under <c>lint:</c>, one key per rule id: <c>lint.drop-column: warning</c>.</summary>
    public const string LintPrefix = "lint.";

    /// <summary>Only migrations above this version are linted (those before it ran before adoption).</summary>
    public const string LintSince = "lint.since";

    /// <summary><c>false</c> turns the safety rules off altogether.</summary>
    public const string LintEnabled = "lint.enabled";

    /// <summary>Fleets: where the tenants come from (the --tenants-* options), and how many run at once.</summary>
    public const string TenantsQuery = "tenants.query";
    public const string TenantsFile = "tenants.file";
    public const string TenantsConnection = "tenants.connection";
    public const string TenantsAllowEmpty = "tenants.allow_empty";
    public const string TenantsParallel = "tenants.parallel";

    /// <summary><c>true</c>: <c>migrations verify</c> accepts migrations without a down file (docs/drift.md).</summary>
    public const string VerifyAllowIrreversible = "verify.allow_irreversible";

    /// <summary>What the schema fingerprint describes (drift, dump, verify, and the record of each run): docs/drift.md.</summary>
    public const string DriftSchemas = "drift.schemas";
    public const string DriftExclude = "drift.exclude";

    /// <summary>The sections: mappings that hold keys rather than values.</summary>
    public static readonly IReadOnlySet<string> Sections = new HashSet<string>(StringComparer.Ordinal) { "history", "lock", "defaults", "retry", "environments", "lint", "backup", "tenants", "verify", "drift" };

    /// <summary>The keys of one entry under <c>environments:</c>.</summary>
    public const string EnvironmentProtected = "protected";

    public static readonly IReadOnlyDictionary<string, ValueKind> Values = new Dictionary<string, ValueKind>(StringComparer.Ordinal)
    {
        [Directory] = ValueKind.Text,
        [Format] = ValueKind.Layout,
        [Engine] = ValueKind.Text,
        [BackupFolder] = ValueKind.Text,
        [BackupKeep] = ValueKind.Integer,
        [LintSince] = ValueKind.Version,
        [LintEnabled] = ValueKind.Boolean,
        [VerifyAllowIrreversible] = ValueKind.Boolean,
        [DriftSchemas] = ValueKind.Names,
        [DriftExclude] = ValueKind.Globs,
        [HistorySchema] = ValueKind.Text,
        [HistoryTable] = ValueKind.Text,
        [LockKey] = ValueKind.Integer,
        [LockTimeout] = ValueKind.Duration,
        [Timeout] = ValueKind.Duration,
        [DefaultLockTimeout] = ValueKind.Duration,
        [DefaultStatementTimeout] = ValueKind.Duration,
        [RetryAttempts] = ValueKind.Integer,
        [RetryInitialDelay] = ValueKind.Duration,
        [RetryMaxDelay] = ValueKind.Duration,
        [TenantsQuery] = ValueKind.Text,
        [TenantsFile] = ValueKind.Text,
        [TenantsConnection] = ValueKind.Text,
        [TenantsAllowEmpty] = ValueKind.Boolean,
        [TenantsParallel] = ValueKind.Integer,
    }.Concat(LintRules.All.Select(r => KeyValuePair.Create(LintPrefix + r.Id, ValueKind.Severity))).ToDictionary(StringComparer.Ordinal);
}
