using MigrationTasks.Diagnostics;

namespace MigrationTasks.Lint;

/// <summary>
/// The rule catalogue: what migrations.yaml (<c>lint.&lt;id&gt;</c>) and waivers name, whatever the engine.
/// Ids and codes are stable: never rename or renumber, only add. Errors are changes that lose data,
/// break running code or block a busy table for the length of a scan or rewrite; warnings are costs
/// worth a second look. The words a finding uses (the harm and the safe way) are the dialect's
/// (<see cref="Dialects.IMigrationDialect.RuleTexts"/>), since both depend on the engine. docs/lint.md documents each rule.
/// </summary>
public static class LintRules
{
    private const DiagnosticSeverity Error = DiagnosticSeverity.Error;
    private const DiagnosticSeverity Warning = DiagnosticSeverity.Warning;

    public static readonly LintRule DropTable = new("drop-table", "MT2101", Error, LintCategory.Destructive);
    public static readonly LintRule DropColumn = new("drop-column", "MT2102", Error, LintCategory.Destructive);
    public static readonly LintRule DropSchema = new("drop-schema", "MT2103", Error, LintCategory.Destructive);
    public static readonly LintRule Truncate = new("truncate", "MT2104", Error, LintCategory.Destructive);
    public static readonly LintRule DeleteWithoutWhere = new("delete-without-where", "MT2105", Error, LintCategory.Destructive);
    public static readonly LintRule UpdateWithoutWhere = new("update-without-where", "MT2106", Warning, LintCategory.Locking);
    public static readonly LintRule RenameTable = new("rename-table", "MT2110", Error, LintCategory.Breaking);
    public static readonly LintRule RenameColumn = new("rename-column", "MT2111", Error, LintCategory.Breaking);
    public static readonly LintRule AlterColumnType = new("alter-column-type", "MT2112", Error, LintCategory.Breaking);
    public static readonly LintRule RenameEnumValue = new("rename-enum-value", "MT2113", Error, LintCategory.Breaking);
    public static readonly LintRule CreateIndex = new("create-index-not-concurrently", "MT2120", Error, LintCategory.Locking);
    public static readonly LintRule DropIndex = new("drop-index-not-concurrently", "MT2121", Warning, LintCategory.Locking);
    public static readonly LintRule Reindex = new("reindex-not-concurrently", "MT2122", Warning, LintCategory.Locking);
    public static readonly LintRule AddForeignKey = new("add-foreign-key", "MT2123", Error, LintCategory.Locking);
    public static readonly LintRule AddCheckConstraint = new("add-check-constraint", "MT2124", Error, LintCategory.Locking);
    public static readonly LintRule AddUniqueConstraint = new("add-unique-constraint", "MT2125", Error, LintCategory.Locking);
    public static readonly LintRule SetNotNull = new("set-not-null", "MT2126", Warning, LintCategory.Locking);
    public static readonly LintRule AddColumnVolatileDefault = new("add-column-volatile-default", "MT2127", Error, LintCategory.Locking);
    public static readonly LintRule AddColumnNotNullWithoutDefault = new("add-column-not-null-without-default", "MT2128", Error, LintCategory.Breaking);
    public static readonly LintRule VacuumFull = new("vacuum-full", "MT2129", Error, LintCategory.Locking);
    public static readonly LintRule Cluster = new("cluster", "MT2130", Error, LintCategory.Locking);
    public static readonly LintRule TransactionControl = new("transaction-control", "MT2140", Error, LintCategory.Transactions);
    public static readonly LintRule IntKey = new("int-key", "MT2150", Warning, LintCategory.Hygiene);
    public static readonly LintRule TimestampWithoutTimeZone = new("timestamp-without-time-zone", "MT2151", Warning, LintCategory.Hygiene);
    public static readonly LintRule CharType = new("char-type", "MT2152", Warning, LintCategory.Hygiene);
    public static readonly LintRule MissingLockTimeout = new("missing-lock-timeout", "MT2153", Warning, LintCategory.Hygiene);
    public static readonly LintRule AttachPartitionScan = new("attach-partition-scan", "MT2154", Warning, LintCategory.Locking);
    public static readonly LintRule DetachPartition = new("detach-partition-not-concurrently", "MT2155", Warning, LintCategory.Locking);
    public static readonly LintRule SetPersistence = new("set-logged-unlogged", "MT2156", Error, LintCategory.Locking);
    public static readonly LintRule SetTablespace = new("set-tablespace", "MT2157", Error, LintCategory.Locking);
    public static readonly LintRule AddGeneratedColumn = new("add-generated-column", "MT2158", Error, LintCategory.Locking);
    public static readonly LintRule RefreshMaterializedView = new("refresh-materialized-view-not-concurrently", "MT2159", Error, LintCategory.Locking);
    public static readonly LintRule DomainConstraint = new("domain-constraint", "MT2160", Error, LintCategory.Locking);
    public static readonly LintRule AddExclusionConstraint = new("add-exclusion-constraint", "MT2161", Error, LintCategory.Locking);
    public static readonly LintRule LockTable = new("lock-table", "MT2162", Warning, LintCategory.Locking);
    public static readonly LintRule DropCascade = new("drop-cascade", "MT2163", Error, LintCategory.Destructive);
    public static readonly LintRule DropOwned = new("drop-owned", "MT2164", Error, LintCategory.Destructive);
    public static readonly LintRule RenameSchema = new("rename-schema", "MT2165", Error, LintCategory.Breaking);
    public static readonly LintRule SetSchema = new("set-schema", "MT2166", Error, LintCategory.Breaking);
    public static readonly LintRule RestartSequence = new("restart-sequence", "MT2167", Error, LintCategory.Breaking);
    public static readonly LintRule NewEnumValueInTransaction = new("new-enum-value-in-transaction", "MT2168", Error, LintCategory.Transactions);
    public static readonly LintRule SecurityDefinerSearchPath = new("security-definer-search-path", "MT2169", Error, LintCategory.Security);
    public static readonly LintRule TerminateBackend = new("terminate-backend", "MT2170", Error, LintCategory.Breaking);

    /// <summary>Every rule, in code order.</summary>
    public static readonly IReadOnlyList<LintRule> All =
    [
        DropTable, DropColumn, DropSchema, Truncate, DeleteWithoutWhere, UpdateWithoutWhere,
        RenameTable, RenameColumn, AlterColumnType, RenameEnumValue,
        CreateIndex, DropIndex, Reindex, AddForeignKey, AddCheckConstraint, AddUniqueConstraint, SetNotNull,
        AddColumnVolatileDefault, AddColumnNotNullWithoutDefault, VacuumFull, Cluster,
        TransactionControl,
        IntKey, TimestampWithoutTimeZone, CharType, MissingLockTimeout,
        AttachPartitionScan, DetachPartition, SetPersistence, SetTablespace, AddGeneratedColumn, RefreshMaterializedView,
        DomainConstraint, AddExclusionConstraint, LockTable, DropCascade, DropOwned, RenameSchema, SetSchema, RestartSequence,
        NewEnumValueInTransaction, SecurityDefinerSearchPath, TerminateBackend,
    ];

    public static LintRule? Find(string id) => All.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.Ordinal));
}
