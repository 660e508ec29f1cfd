using MigrationTasks.Diagnostics;

namespace MigrationTasks.Lint;

/// <summary>
/// The rule catalogue. Ids and codes are stable: never rename or renumber, only add. Errors are
/// changes that lose data, break running code or block a busy table for the length of a scan or
/// rewrite; warnings are costs worth a second look. docs/lint.md documents each rule.
/// </summary>
public static class LintRules
{
    private const DiagnosticSeverity Error = DiagnosticSeverity.Error;
    private const DiagnosticSeverity Warning = DiagnosticSeverity.Warning;

    public static readonly LintRule DropTable = new("drop-table", "MT2101", Error, LintCategory.Destructive,
        "deletes the table and its rows for good, and running code that still reads it fails",
        "first release code that no longer uses the table, then drop it in a later migration (keep a backup if the data may be needed)");

    public static readonly LintRule DropColumn = new("drop-column", "MT2102", Error, LintCategory.Destructive,
        "deletes the column's data, and running code that still reads or writes it fails",
        "first release code that no longer uses the column, then drop it in a later migration (expand, then contract)");

    public static readonly LintRule DropSchema = new("drop-schema", "MT2103", Error, LintCategory.Destructive,
        "deletes every object in it and their data",
        "drop the objects one by one in migrations of their own, after the code that used them is gone");

    public static readonly LintRule Truncate = new("truncate", "MT2104", Error, LintCategory.Destructive,
        "deletes every row under an ACCESS EXCLUSIVE lock (and with CASCADE, the rows of every table that references it)",
        "delete the rows you mean with a WHERE clause, in batches if there are many");

    public static readonly LintRule DeleteWithoutWhere = new("delete-without-where", "MT2105", Error, LintCategory.Destructive,
        "deletes every row of the table",
        "add a WHERE clause naming the rows to delete, and delete in batches if there are many");

    public static readonly LintRule UpdateWithoutWhere = new("update-without-where", "MT2106", Warning, LintCategory.Locking,
        "rewrites every row in one transaction, locking them all and bloating the table",
        "add a WHERE clause, and backfill large tables in batches");

    public static readonly LintRule RenameTable = new("rename-table", "MT2110", Error, LintCategory.Breaking,
        "breaks running code that still uses the old name",
        "create the new table (or a view with the new name), move readers and writers over in releases, then drop the old one");

    public static readonly LintRule RenameColumn = new("rename-column", "MT2111", Error, LintCategory.Breaking,
        "breaks running code that still uses the old name",
        "add the new column, write both and backfill, move readers over, then drop the old column in a later release");

    public static readonly LintRule AlterColumnType = new("alter-column-type", "MT2112", Error, LintCategory.Breaking,
        "usually rewrites the table under an ACCESS EXCLUSIVE lock, and can break running code that expects the old type",
        "add a column of the new type, write both and backfill in batches, move readers over, then drop the old column");

    public static readonly LintRule RenameEnumValue = new("rename-enum-value", "MT2113", Error, LintCategory.Breaking,
        "breaks running code and stored queries that still use the old value",
        "add the new value, move code and rows over to it, and stop using the old one");

    public static readonly LintRule CreateIndex = new("create-index-not-concurrently", "MT2120", Error, LintCategory.Locking,
        "blocks every write to the table while the index builds",
        "use CREATE INDEX CONCURRENTLY in a migration of its own with '-- migrate:no-transaction'");

    public static readonly LintRule DropIndex = new("drop-index-not-concurrently", "MT2121", Warning, LintCategory.Locking,
        "takes an ACCESS EXCLUSIVE lock on the index's table, queueing every query behind it",
        "use DROP INDEX CONCURRENTLY in a migration of its own with '-- migrate:no-transaction'");

    public static readonly LintRule Reindex = new("reindex-not-concurrently", "MT2122", Warning, LintCategory.Locking,
        "blocks writes to the table (and reads that use the index) while the index rebuilds",
        "use REINDEX ... CONCURRENTLY in a migration of its own with '-- migrate:no-transaction'");

    public static readonly LintRule AddForeignKey = new("add-foreign-key", "MT2123", Error, LintCategory.Locking,
        "checks every existing row while holding a lock that blocks writes to both tables",
        "add the constraint with NOT VALID (for a new column: add the column first, then the constraint), then run ALTER TABLE ... VALIDATE CONSTRAINT in a later migration or a later statement of a '-- migrate:no-transaction' one");

    public static readonly LintRule AddCheckConstraint = new("add-check-constraint", "MT2124", Error, LintCategory.Locking,
        "scans every existing row under an ACCESS EXCLUSIVE lock",
        "add the constraint with NOT VALID (for a new column: add the column first, then the constraint), then run ALTER TABLE ... VALIDATE CONSTRAINT in a later migration or a later statement of a '-- migrate:no-transaction' one");

    public static readonly LintRule AddUniqueConstraint = new("add-unique-constraint", "MT2125", Error, LintCategory.Locking,
        "builds its index under an ACCESS EXCLUSIVE lock, blocking reads and writes of the table until it is built",
        "build a unique index with CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT ... UNIQUE USING INDEX (or PRIMARY KEY USING INDEX)");

    public static readonly LintRule SetNotNull = new("set-not-null", "MT2126", Warning, LintCategory.Locking,
        "scans every row under an ACCESS EXCLUSIVE lock",
        "add CHECK (column IS NOT NULL) NOT VALID, validate it in a later migration (or a later statement of a '-- migrate:no-transaction' one), then SET NOT NULL in a statement after the validation (PostgreSQL 12+ skips the scan) and drop the check");

    public static readonly LintRule AddColumnVolatileDefault = new("add-column-volatile-default", "MT2127", Error, LintCategory.Locking,
        "rewrites the whole table under an ACCESS EXCLUSIVE lock, because a volatile default is computed for every row",
        "add the column without a default (or with a constant one), set the default afterwards, and backfill existing rows in batches");

    public static readonly LintRule AddColumnNotNullWithoutDefault = new("add-column-not-null-without-default", "MT2128", Error, LintCategory.Breaking,
        "fails on a table that has rows, and breaks running code that inserts without the column",
        "add the column with a DEFAULT, or add it nullable, backfill, and set NOT NULL later");

    public static readonly LintRule VacuumFull = new("vacuum-full", "MT2129", Error, LintCategory.Locking,
        "rewrites the table under an ACCESS EXCLUSIVE lock, blocking reads and writes until it finishes",
        "use plain VACUUM, or an online tool such as pg_repack, outside of migrations");

    public static readonly LintRule Cluster = new("cluster", "MT2130", Error, LintCategory.Locking,
        "rewrites the table under an ACCESS EXCLUSIVE lock, blocking reads and writes until it finishes",
        "use an online tool such as pg_repack, outside of migrations");

    public static readonly LintRule TransactionControl = new("transaction-control", "MT2140", Error, LintCategory.Transactions,
        "interferes with the transaction the runner opens around the migration and its history row",
        "remove it: the runner runs each migration in its own transaction (or none, with '-- migrate:no-transaction')");

    public static readonly LintRule IntKey = new("int-key", "MT2150", Warning, LintCategory.Hygiene,
        "runs out after about two billion values when 32-bit (widening it later rewrites the table and every referencing one), and a serial's sequence is a separate object with its own owner and grants",
        "use bigint GENERATED ALWAYS AS IDENTITY");

    public static readonly LintRule TimestampWithoutTimeZone = new("timestamp-without-time-zone", "MT2151", Warning, LintCategory.Hygiene,
        "stores a wall-clock time without its offset, so values from different time zones or DST changes cannot be compared",
        "use timestamptz (timestamp with time zone)");

    public static readonly LintRule CharType = new("char-type", "MT2152", Warning, LintCategory.Hygiene,
        "pads values with spaces and is no faster than text",
        "use text, or varchar(n) / a CHECK constraint if the length must be limited");

    public static readonly LintRule MissingLockTimeout = new("missing-lock-timeout", "MT2153", Warning, LintCategory.Hygiene,
        "waits for its lock without a lock_timeout: while it waits behind one long query, every other query on the table queues behind it",
        "add '-- migrate:lock-timeout 5s' to the file (or defaults.lock_timeout in migrations.yaml), so that it gives up quickly and the runner retries");

    public static readonly LintRule AttachPartitionScan = new("attach-partition-scan", "MT2154", Warning, LintCategory.Locking,
        "scans every row of the partition under an ACCESS EXCLUSIVE lock to prove they fit its bound, because no CHECK constraint validated in this migration proves it",
        "add a CHECK constraint matching the bound (key columns NOT NULL included) with NOT VALID, VALIDATE it, then ATTACH in a later statement (PostgreSQL then skips the scan) and drop the check; if an earlier migration validated such a check, waive the rule with that reason");

    public static readonly LintRule DetachPartition = new("detach-partition-not-concurrently", "MT2155", Warning, LintCategory.Locking,
        "takes an ACCESS EXCLUSIVE lock on the partitioned table, queueing every query on it and its partitions",
        "use ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY (PostgreSQL 14+, no default partition) in a migration of its own with '-- migrate:no-transaction'");

    public static readonly LintRule SetPersistence = new("set-logged-unlogged", "MT2156", Error, LintCategory.Locking,
        "rewrites the whole table under an ACCESS EXCLUSIVE lock (and SET LOGGED writes all of it to the WAL)",
        "create the table with the persistence it needs, or copy the rows into a new table in batches and switch over; otherwise run it in a maintenance window");

    public static readonly LintRule SetTablespace = new("set-tablespace", "MT2157", Error, LintCategory.Locking,
        "copies every file of the relation to the new tablespace under an ACCESS EXCLUSIVE lock, blocking reads and writes until it finishes",
        "create new objects in the right tablespace from the start; to move a large one, use an online tool such as pg_repack (--tablespace) outside of migrations");

    public static readonly LintRule AddGeneratedColumn = new("add-generated-column", "MT2158", Error, LintCategory.Locking,
        "rewrites the whole table under an ACCESS EXCLUSIVE lock, because a stored generated column is computed and written for every existing row",
        "add a plain column, keep it filled with a trigger (or from the code), backfill existing rows in batches; or add the generated column when the table is created");

    public static readonly LintRule RefreshMaterializedView = new("refresh-materialized-view-not-concurrently", "MT2159", Error, LintCategory.Locking,
        "holds an ACCESS EXCLUSIVE lock on the view while its query runs, so every reader waits",
        "give the view a unique index and use REFRESH MATERIALIZED VIEW CONCURRENTLY (readers keep the old rows until it finishes)");

    public static readonly LintRule DomainConstraint = new("domain-constraint", "MT2160", Error, LintCategory.Locking,
        "checks every value of every column of that domain, in every table, under SHARE locks that block writes to those tables",
        "add the CHECK constraint with NOT VALID (new values are checked at once) and validate it at a quiet time; a domain's NOT NULL has no such form: add a CHECK (VALUE IS NOT NULL) NOT VALID instead");

    public static readonly LintRule AddExclusionConstraint = new("add-exclusion-constraint", "MT2161", Error, LintCategory.Locking,
        "builds its index and checks every row under an ACCESS EXCLUSIVE lock, and an exclusion constraint has no NOT VALID or USING INDEX form",
        "define it when the table is created; on a live table, enforce the rule from a trigger or the code, or move the rows into a new table that has the constraint");

    public static readonly LintRule LockTable = new("lock-table", "MT2162", Warning, LintCategory.Locking,
        "blocks writes (in EXCLUSIVE and ACCESS EXCLUSIVE mode, reads too) to the table until the migration commits; LOCK without IN ... MODE takes ACCESS EXCLUSIVE",
        "take the weakest mode that protects the change (ROW EXCLUSIVE or SHARE UPDATE EXCLUSIVE), keep the migration short, and set a lock timeout");

    public static readonly LintRule DropCascade = new("drop-cascade", "MT2163", Error, LintCategory.Destructive,
        "also drops every object that depends on it (views, foreign keys, defaults, other tables' columns) without naming them",
        "drop the dependent objects by name first, then drop this one without CASCADE (RESTRICT, the default, fails if anything still depends on it)");

    public static readonly LintRule DropOwned = new("drop-owned", "MT2164", Error, LintCategory.Destructive,
        "drops every object the role owns in the database, with its data",
        "run REASSIGN OWNED BY the role TO another role first (in the same migration), then DROP OWNED BY it to revoke what is left");

    public static readonly LintRule RenameSchema = new("rename-schema", "MT2165", Error, LintCategory.Breaking,
        "breaks running code, views' callers and search_path settings that still use the old name",
        "create the new schema, move objects over in releases (or leave a view per object behind), and drop the old one later");

    public static readonly LintRule SetSchema = new("set-schema", "MT2166", Error, LintCategory.Breaking,
        "moves the object under running code, which still finds it by its old schema (or through search_path) and fails",
        "create the object in its new schema (or a view there), move readers and writers over in releases, then drop the old one");

    public static readonly LintRule RestartSequence = new("restart-sequence", "MT2167", Error, LintCategory.Breaking,
        "hands out numbers again that existing rows already use, so later inserts fail with duplicate keys or reuse ids",
        "leave the sequence alone; to move it past existing values use setval() with the current maximum, and waive the rule only if the RESTART value is above every value in use");

    public static readonly LintRule NewEnumValueInTransaction = new("new-enum-value-in-transaction", "MT2168", Error, LintCategory.Transactions,
        "fails with 'unsafe use of new value' (55P04): an enum value added by ALTER TYPE ... ADD VALUE cannot be used before that transaction commits",
        "add the value in a migration of its own (or with '-- migrate:no-transaction'), and use it in a later one");

    public static readonly LintRule SecurityDefinerSearchPath = new("security-definer-search-path", "MT2169", Error, LintCategory.Security,
        "runs with its owner's rights but resolves unqualified names through the caller's search_path, so a caller can slip in a table or function of their own",
        "pin the path in the definition: SET search_path = pg_catalog, pg_temp (and schema-qualify the names it uses), or a fixed list of trusted schemas ending with pg_temp");

    public static readonly LintRule TerminateBackend = new("terminate-backend", "MT2170", Error, LintCategory.Breaking,
        "cancels or kills other sessions, failing the queries and transactions of running code (and of other deployments)",
        "set a lock timeout and let the runner retry, or stop the conflicting work by hand before the deployment");

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
