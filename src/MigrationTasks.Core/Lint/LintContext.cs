namespace MigrationTasks.Lint;

/// <summary>
/// What earlier statements of the same migration created. Rules that protect existing tables
/// (locks, rewrites, breaking renames) do not apply to these: nobody else can be using them yet.
/// Names are compared without their schema, which errs towards exempting.
/// </summary>
internal sealed class LintContext
{
    private readonly HashSet<string> _tables = new(StringComparer.Ordinal);
    private readonly HashSet<string> _indexes = new(StringComparer.Ordinal);

    public void CreatedTable(string name) => _tables.Add(name);

    public void CreatedIndex(string name) => _indexes.Add(name);

    public bool IsNewTable(string? name) => name is not null && _tables.Contains(name);

    public bool IsNewIndex(string? name) => name is not null && _indexes.Contains(name);
}
