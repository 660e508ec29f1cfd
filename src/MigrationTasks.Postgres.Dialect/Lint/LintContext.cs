namespace MigrationTasks.Lint;

/// <summary>
/// What earlier statements of the same migration did. Rules that protect existing tables (locks,
/// rewrites, breaking renames) do not apply to tables created here: nobody else can be using them
/// yet. Names are keys from <see cref="StatementWords.Name"/>: <c>orders</c>, <c>public.orders</c>
/// and <c>"orders"</c> are one table, <c>app.orders</c> another. Recording is idempotent, because
/// <see cref="StatementLocks"/> reads a statement with the same context as the rules.
/// </summary>
internal sealed class LintContext
{
    private readonly HashSet<string> _tables = new(StringComparer.Ordinal);
    private readonly HashSet<string> _indexes = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Table, string Column), string> _intColumns = [];
    private readonly Dictionary<(string Table, string Constraint), NotValidConstraint> _notValid = [];
    private readonly HashSet<(string Table, string Column)> _provenNotNull = [];
    private readonly HashSet<(ObjectKind Kind, string Name)> _objects = [];
    private readonly HashSet<string> _checkedTables = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reassignedRoles = new(StringComparer.Ordinal);
    private readonly List<string> _addedEnumValues = [];
    private readonly HashSet<string> _emptiedTables = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Table, string Column), ColumnType> _columnTypes = [];

    /// <summary>What the migrations before this one established (<see cref="SchemaHistory"/>), and this one's position among them.</summary>
    public (Lazy<SchemaHistory> History, int Position)? Earlier { get; init; }

    /// <summary>
    /// Whether the statement being judged runs inside a transaction, holding every lock it takes to the end of it:
    /// always in our transaction, and inside a file's own BEGIN ... COMMIT (<see cref="Linter"/> follows the block).
    /// </summary>
    public bool Transactional { get; set; }

    /// <summary>Whether the file holds its own transaction control, run as written rather than inside ours.</summary>
    public bool OwnsTransactions { get; init; }

    public void CreatedTable(string name) => _tables.Add(name);

    public void CreatedIndex(string name) => _indexes.Add(name);

    public bool IsNewTable(string? name) => name is not null && _tables.Contains(name);

    public bool IsNewIndex(string? name) => name is not null && _indexes.Contains(name);

    /// <summary>A column of an integer type (not bigint) defined in this migration, so a later primary key on it can be judged.</summary>
    public void DefinedIntColumn(string table, string column, string type) => _intColumns[(table, column)] = type;

    public string? IntColumnType(string table, string column) => _intColumns.GetValueOrDefault((table, column));

    /// <summary>A constraint added NOT VALID to an existing table; <paramref name="Constraint"/>'s check proves <c>NotNullColumn IS NOT NULL</c> when that is set.</summary>
    public void AddedNotValid(string table, string constraint, LintRule rule, string? notNullColumn) =>
        _notValid[(table, constraint)] = new(rule, notNullColumn, CommittedTransactions);

    /// <summary>How many of the file's own transactions have committed so far: a NOT VALID added before the last COMMIT is no longer in the transaction.</summary>
    public int CommittedTransactions { get; private set; }

    public void Committed() => CommittedTransactions++;

    /// <summary>The constraint as added NOT VALID earlier in this migration, or null.</summary>
    public NotValidConstraint? AddedNotValidEarlier(string table, string constraint) => _notValid.GetValueOrDefault((table, constraint));

    /// <summary>A validated CHECK (column IS NOT NULL): PostgreSQL 12+ then sets NOT NULL without scanning the table.</summary>
    public void ProvedNotNull(string table, string column) => _provenNotNull.Add((table, column));

    public bool IsProvenNotNull(string table, string? column) =>
        column is not null && (_provenNotNull.Contains((table, column)) || Earlier is { } e && e.History.Value.ProvenNotNullBefore(table, column, e.Position));

    /// <summary>The column a NOT VALID <c>CHECK (column IS NOT NULL)</c> added by an earlier migration proves, once validated.</summary>
    public string? EarlierNotNullCheck(string table, string constraint) => Earlier is { } e ? e.History.Value.NotNullCheckBefore(table, constraint, e.Position) : null;

    /// <summary>A column's type as defined (or changed) in this migration.</summary>
    public void DefinedColumn(string table, string column, ColumnType type) => _columnTypes[(table, column)] = type;

    /// <summary>The column's type before the statement being judged: from this migration, else from the earlier ones.</summary>
    public ColumnType? ColumnTypeOf(string table, string column) =>
        _columnTypes.GetValueOrDefault((table, column)) ?? (Earlier is { } e ? e.History.Value.TypeBefore(table, column, e.Position) : null);

    /// <summary>Hands what this migration established to the folder's <see cref="SchemaHistory"/>.</summary>
    public void Record(SchemaHistory history, int position)
    {
        foreach (var ((table, constraint), added) in _notValid)
        {
            if (added.NotNullColumn is { } column)
            {
                history.AddedNotNullCheck(table, constraint, column, position);
            }
        }

        foreach (var (table, column) in _provenNotNull)
        {
            history.ProvedNotNull(table, column, position);
        }

        foreach (var ((table, column), type) in _columnTypes)
        {
            history.DefinedColumn(table, column, type, position);
        }
    }

    /// <summary>A schema, sequence, domain or type created earlier in this migration (tables, views and indexes have their own sets).</summary>
    public void Created(ObjectKind kind, string name) => _objects.Add((kind, name));

    public bool IsNew(ObjectKind kind, string? name) => name is not null && _objects.Contains((kind, name));

    /// <summary>A table that got a validated CHECK (added plainly, or VALIDATE CONSTRAINT) in this migration: the proof a partition attach looks for.</summary>
    public void CheckedTable(string table) => _checkedTables.Add(table);

    public bool IsCheckedTable(string? table) => table is not null && _checkedTables.Contains(table);

    /// <summary>A role whose objects REASSIGN OWNED handed to another role, so a later DROP OWNED BY it drops nothing of value.</summary>
    public void ReassignedRole(string role) => _reassignedRoles.Add(role);

    public bool IsReassignedRole(string role) => _reassignedRoles.Contains(role);

    /// <summary>A table whose rows a DELETE without WHERE removed earlier in this migration (and no INSERT refilled since).</summary>
    public void EmptiedTable(string table) => _emptiedTables.Add(table);

    public void FilledTable(string table) => _emptiedTables.Remove(table);

    public bool IsEmptiedTable(string table) => _emptiedTables.Contains(table);

    /// <summary>Enum values added to an existing type in this transaction: using one before the commit fails with 55P04.</summary>
    public void AddedEnumValue(string value) => _addedEnumValues.Add(value);

    public IReadOnlyList<string> AddedEnumValues => _addedEnumValues;
}

/// <summary>The kinds of object whose creation earlier in a migration exempts them from the rules that protect existing ones.</summary>
internal enum ObjectKind
{
    Schema,
    Sequence,
    Domain,
    Type,
}

/// <summary>A constraint added with NOT VALID: the rule its plain form breaks, and the column its check proves not null, if any.</summary>
internal sealed record NotValidConstraint(LintRule Rule, string? NotNullColumn, int AddedInTransaction);
