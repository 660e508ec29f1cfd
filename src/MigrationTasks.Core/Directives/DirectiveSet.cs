namespace MigrationTasks.Directives;

/// <summary>
/// A dialect's directive vocabulary (<see cref="Dialects.IMigrationDialect.Directives"/>): the directives its
/// engine knows, in the order its messages list them. <see cref="DirectiveParser"/> reads a file's leading
/// <c>-- migrate:</c> comments through it; a name it does not hold is an error.
/// </summary>
public sealed class DirectiveSet
{
    private readonly Dictionary<string, Directive> _byName;

    public DirectiveSet(params IReadOnlyList<Directive> directives)
    {
        ArgumentNullException.ThrowIfNull(directives);
        All = directives;
        _byName = directives.ToDictionary(d => d.Name, StringComparer.Ordinal);
        // The ignored ones are accepted, yet not worth suggesting: a user who misspells a directive is told the honoured ones.
        Honoured = string.Join(", ", directives.Where(d => d.IgnoredWarning is null).Select(d => d.Name));
    }

    public IReadOnlyList<Directive> All { get; }

    /// <summary>The names of the directives the engine honours, as the unknown-directive error lists them.</summary>
    public string Honoured { get; }

    public Directive? Find(string name) => _byName.GetValueOrDefault(name);
}
