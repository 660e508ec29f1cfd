namespace MigrationTasks.Lint;

/// <summary>
/// The rules in PostgreSQL's words: the lock or the loss each statement costs on a PostgreSQL server
/// and the safe way to make the same change there (CONCURRENTLY, NOT VALID, pg_repack). Findings are
/// worded from them (<see cref="Linter"/>), and <c>migrations lint --sarif</c> describes the rules with them.
/// Kept in <see cref="LintRules.All"/>'s order, one entry per rule.
/// </summary>
public static class PostgresRuleTexts
{
    public static readonly IReadOnlyList<LintRuleText> All =
    [
        new(LintRules.DropTable,
            "deletes the table and its rows for good, and running code that still reads it fails",
            "first release code that no longer uses the table, then drop it in a later migration (keep a backup if the data may be needed)"),

        new(LintRules.DropColumn,
            "deletes the column's data, and running code that still reads or writes it fails",
            "first release code that no longer uses the column, then drop it in a later migration (expand, then contract)"),

        new(LintRules.DropSchema,
            "deletes every object in it and their data",
            "drop the objects one by one in migrations of their own, after the code that used them is gone"),

        new(LintRules.Truncate,
            "deletes every row under an ACCESS EXCLUSIVE lock (and with CASCADE, the rows of every table that references it)",
            "delete the rows you mean with a WHERE clause, in batches if there are many"),

        new(LintRules.DeleteWithoutWhere,
            "deletes every row of the table",
            "add a WHERE clause naming the rows to delete, and delete in batches if there are many"),

        new(LintRules.UpdateWithoutWhere,
            "rewrites every row in one transaction, locking them all and bloating the table",
            "add a WHERE clause, and backfill large tables in batches"),

        new(LintRules.RenameTable,
            "breaks running code that still uses the old name",
            "create the new table (or a view with the new name), move readers and writers over in releases, then drop the old one"),

        new(LintRules.RenameColumn,
            "breaks running code that still uses the old name",
            "add the new column, write both and backfill, move readers over, then drop the old column in a later release"),

        new(LintRules.AlterColumnType,
            "usually rewrites the table under an ACCESS EXCLUSIVE lock, and can break running code that expects the old type",
            "add a column of the new type, write both and backfill in batches, move readers over, then drop the old column"),

        new(LintRules.RenameEnumValue,
            "breaks running code and stored queries that still use the old value",
            "add the new value, move code and rows over to it, and stop using the old one"),

        new(LintRules.CreateIndex,
            "blocks every write to the table while the index builds",
            "use CREATE INDEX CONCURRENTLY in a migration of its own with '-- migrate:no-transaction'"),

        new(LintRules.DropIndex,
            "takes an ACCESS EXCLUSIVE lock on the index's table, queueing every query behind it",
            "use DROP INDEX CONCURRENTLY in a migration of its own with '-- migrate:no-transaction'"),

        new(LintRules.Reindex,
            "blocks writes to the table (and reads that use the index) while the index rebuilds",
            "use REINDEX ... CONCURRENTLY in a migration of its own with '-- migrate:no-transaction'"),

        new(LintRules.AddForeignKey,
            "checks every existing row while holding a lock that blocks writes to both tables",
            "add the constraint with NOT VALID (for a new column: add the column first, then the constraint), then run ALTER TABLE ... VALIDATE CONSTRAINT in a later migration or a later statement of a '-- migrate:no-transaction' one"),

        new(LintRules.AddCheckConstraint,
            "scans every existing row under an ACCESS EXCLUSIVE lock",
            "add the constraint with NOT VALID (for a new column: add the column first, then the constraint), then run ALTER TABLE ... VALIDATE CONSTRAINT in a later migration or a later statement of a '-- migrate:no-transaction' one"),

        new(LintRules.AddUniqueConstraint,
            "builds its index under an ACCESS EXCLUSIVE lock, blocking reads and writes of the table until it is built",
            "build a unique index with CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT ... UNIQUE USING INDEX (or PRIMARY KEY USING INDEX)"),

        new(LintRules.SetNotNull,
            "scans every row under an ACCESS EXCLUSIVE lock",
            "add CHECK (column IS NOT NULL) NOT VALID, validate it in a later migration (or a later statement of a '-- migrate:no-transaction' one), then SET NOT NULL in a statement after the validation (PostgreSQL 12+ skips the scan) and drop the check"),

        new(LintRules.AddColumnVolatileDefault,
            "rewrites the whole table under an ACCESS EXCLUSIVE lock, because a volatile default is computed for every row",
            "add the column without a default (or with a constant one), set the default afterwards, and backfill existing rows in batches"),

        new(LintRules.AddColumnNotNullWithoutDefault,
            "fails on a table that has rows, and breaks running code that inserts without the column",
            "add the column with a DEFAULT, or add it nullable, backfill, and set NOT NULL later"),

        new(LintRules.VacuumFull,
            "rewrites the table under an ACCESS EXCLUSIVE lock, blocking reads and writes until it finishes",
            "use plain VACUUM, or an online tool such as pg_repack, outside of migrations"),

        new(LintRules.Cluster,
            "rewrites the table under an ACCESS EXCLUSIVE lock, blocking reads and writes until it finishes",
            "use an online tool such as pg_repack, outside of migrations"),

        new(LintRules.TransactionControl,
            "interferes with the transaction the runner opens around the migration and its history row",
            "remove it: the runner runs each migration in its own transaction (or none, with '-- migrate:no-transaction')"),

        new(LintRules.IntKey,
            "runs out after about two billion values when 32-bit (widening it later rewrites the table and every referencing one), and a serial's sequence is a separate object with its own owner and grants",
            "use bigint GENERATED ALWAYS AS IDENTITY"),

        new(LintRules.TimestampWithoutTimeZone,
            "stores a wall-clock time without its offset, so values from different time zones or DST changes cannot be compared",
            "use timestamptz (timestamp with time zone)"),

        new(LintRules.CharType,
            "pads values with spaces and is no faster than text",
            "use text, or varchar(n) / a CHECK constraint if the length must be limited"),

        new(LintRules.MissingLockTimeout,
            "waits for its lock without a lock_timeout: while it waits behind one long query, every other query on the table queues behind it",
            "add '-- migrate:lock-timeout 5s' to the file (or defaults.lock_timeout in migrations.yaml), so that it gives up quickly and the runner retries"),

        new(LintRules.AttachPartitionScan,
            "scans every row of the partition under an ACCESS EXCLUSIVE lock to prove they fit its bound, because no CHECK constraint validated in this migration proves it",
            "add a CHECK constraint matching the bound (key columns NOT NULL included) with NOT VALID, VALIDATE it, then ATTACH in a later statement (PostgreSQL then skips the scan) and drop the check; if an earlier migration validated such a check, waive the rule with that reason"),

        new(LintRules.DetachPartition,
            "takes an ACCESS EXCLUSIVE lock on the partitioned table, queueing every query on it and its partitions",
            "use ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY (PostgreSQL 14+, no default partition) in a migration of its own with '-- migrate:no-transaction'"),

        new(LintRules.SetPersistence,
            "rewrites the whole table under an ACCESS EXCLUSIVE lock (and SET LOGGED writes all of it to the WAL)",
            "create the table with the persistence it needs, or copy the rows into a new table in batches and switch over; otherwise run it in a maintenance window"),

        new(LintRules.SetTablespace,
            "copies every file of the relation to the new tablespace under an ACCESS EXCLUSIVE lock, blocking reads and writes until it finishes",
            "create new objects in the right tablespace from the start; to move a large one, use an online tool such as pg_repack (--tablespace) outside of migrations"),

        new(LintRules.AddGeneratedColumn,
            "rewrites the whole table under an ACCESS EXCLUSIVE lock, because a stored generated column is computed and written for every existing row",
            "add a plain column, keep it filled with a trigger (or from the code), backfill existing rows in batches; or add the generated column when the table is created"),

        new(LintRules.RefreshMaterializedView,
            "holds an ACCESS EXCLUSIVE lock on the view while its query runs, so every reader waits",
            "give the view a unique index and use REFRESH MATERIALIZED VIEW CONCURRENTLY (readers keep the old rows until it finishes)"),

        new(LintRules.DomainConstraint,
            "checks every value of every column of that domain, in every table, under SHARE locks that block writes to those tables",
            "add the CHECK constraint with NOT VALID (new values are checked at once) and validate it at a quiet time; a domain's NOT NULL has no such form: add a CHECK (VALUE IS NOT NULL) NOT VALID instead"),

        new(LintRules.AddExclusionConstraint,
            "builds its index and checks every row under an ACCESS EXCLUSIVE lock, and an exclusion constraint has no NOT VALID or USING INDEX form",
            "define it when the table is created; on a live table, enforce the rule from a trigger or the code, or move the rows into a new table that has the constraint"),

        new(LintRules.LockTable,
            "blocks writes (in EXCLUSIVE and ACCESS EXCLUSIVE mode, reads too) to the table until the migration commits; LOCK without IN ... MODE takes ACCESS EXCLUSIVE",
            "take the weakest mode that protects the change (ROW EXCLUSIVE or SHARE UPDATE EXCLUSIVE), keep the migration short, and set a lock timeout"),

        new(LintRules.DropCascade,
            "also drops every object that depends on it (views, foreign keys, defaults, other tables' columns) without naming them",
            "drop the dependent objects by name first, then drop this one without CASCADE (RESTRICT, the default, fails if anything still depends on it)"),

        new(LintRules.DropOwned,
            "drops every object the role owns in the database, with its data",
            "run REASSIGN OWNED BY the role TO another role first (in the same migration), then DROP OWNED BY it to revoke what is left"),

        new(LintRules.RenameSchema,
            "breaks running code, views' callers and search_path settings that still use the old name",
            "create the new schema, move objects over in releases (or leave a view per object behind), and drop the old one later"),

        new(LintRules.SetSchema,
            "moves the object under running code, which still finds it by its old schema (or through search_path) and fails",
            "create the object in its new schema (or a view there), move readers and writers over in releases, then drop the old one"),

        new(LintRules.RestartSequence,
            "hands out numbers again that existing rows already use, so later inserts fail with duplicate keys or reuse ids",
            "leave the sequence alone; to move it past existing values use setval() with the current maximum, and waive the rule only if the RESTART value is above every value in use"),

        new(LintRules.NewEnumValueInTransaction,
            "fails with 'unsafe use of new value' (55P04): an enum value added by ALTER TYPE ... ADD VALUE cannot be used before that transaction commits",
            "add the value in a migration of its own (or with '-- migrate:no-transaction'), and use it in a later one"),

        new(LintRules.SecurityDefinerSearchPath,
            "runs with its owner's rights but resolves unqualified names through the caller's search_path, so a caller can slip in a table or function of their own",
            "pin the path in the definition: SET search_path = pg_catalog, pg_temp (and schema-qualify the names it uses), or a fixed list of trusted schemas ending with pg_temp"),

        new(LintRules.TerminateBackend,
            "cancels or kills other sessions, failing the queries and transactions of running code (and of other deployments)",
            "set a lock timeout and let the runner retry, or stop the conflicting work by hand before the deployment"),
    ];

    private static readonly Dictionary<LintRule, LintRuleText> ByRule = All.ToDictionary(t => t.Rule);

    public static LintRuleText Of(LintRule rule) => ByRule[rule];
}
