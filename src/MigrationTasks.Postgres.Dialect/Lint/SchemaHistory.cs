using MigrationTasks.Files;

namespace MigrationTasks.Lint;

/// <summary>
/// What a folder's up scripts establish, read once in order, for the rules that depend on an earlier
/// migration: a NOT VALID <c>CHECK (col IS NOT NULL)</c> that a later file validates (PostgreSQL 12+ then sets
/// NOT NULL without a scan, the documented two-file recipe), and a column's type before a later file widens it.
/// Each fact keeps the position of the migration that set it, so a script sees only what came before it.
/// </summary>
internal sealed class SchemaHistory
{
    private readonly Dictionary<(string Table, string Constraint), (int Position, string Column)> _notNullChecks = [];
    private readonly Dictionary<(string Table, string Column), int> _provenNotNull = [];
    private readonly Dictionary<(string Table, string Column), List<(int Position, ColumnType Type)>> _types = [];

    /// <summary>
    /// The history of <paramref name="upScripts"/>, read on first use: most pending migrations never ask (no VALIDATE,
    /// no SET NOT NULL, no type change), and then `up` after a thousand applied files reads none of them again.
    /// </summary>
    public static Lazy<SchemaHistory> ReadWhenAsked(IReadOnlyList<MigrationScript> upScripts) => new(() => Read(upScripts));

    private static SchemaHistory Read(IReadOnlyList<MigrationScript> upScripts)
    {
        var history = new SchemaHistory();
        for (var position = 0; position < upScripts.Count; position++)
        {
            // Recording only: the rules run with a context of their own and their findings are dropped. The facts of
            // the migrations before are already in, so a file that validates an earlier file's check proves its column.
            var context = new LintContext { Earlier = (new Lazy<SchemaHistory>(history), position) };
            foreach (var statement in upScripts[position].Statements)
            {
                var words = new StatementWords(statement);
                if (words.Is(0, "ALTER") || words.Is(0, "CREATE"))
                {
                    StatementRules.Check(words, context, []);
                }
            }

            context.Record(history, position);
        }

        return history;
    }

    public void AddedNotNullCheck(string table, string constraint, string column, int position) => _notNullChecks.TryAdd((table, constraint), (position, column));

    public void ProvedNotNull(string table, string column, int position) => _provenNotNull.TryAdd((table, column), position);

    public void DefinedColumn(string table, string column, ColumnType type, int position)
    {
        if (!_types.TryGetValue((table, column), out var types))
        {
            _types[(table, column)] = types = [];
        }

        types.Add((position, type));
    }

    /// <summary>The column a NOT VALID <c>CHECK (column IS NOT NULL)</c> named <paramref name="constraint"/>, added before <paramref name="position"/>, proves.</summary>
    public string? NotNullCheckBefore(string table, string constraint, int position) =>
        _notNullChecks.TryGetValue((table, constraint), out var added) && added.Position < position ? added.Column : null;

    public bool ProvenNotNullBefore(string table, string column, int position) =>
        _provenNotNull.TryGetValue((table, column), out var at) && at < position;

    /// <summary>The column's type as the last migration before <paramref name="position"/> left it, or null when none defined it.</summary>
    public ColumnType? TypeBefore(string table, string column, int position) =>
        _types.TryGetValue((table, column), out var types) ? types.LastOrDefault(t => t.Position < position).Type : null;
}

/// <summary>What the engine carries from <see cref="PostgresDialect.ReadLintHistory"/> to each script's lint.</summary>
internal sealed record LazySchemaHistory(Lazy<SchemaHistory> History) : ILintHistory;
