namespace MigrationTasks.Execution;

/// <summary>
/// An index a failed build left unusable: it slows every write and makes the next attempt fail with
/// "already exists". Both the failure and <c>repair</c> name such indexes with the statements that
/// remove them, which the provider that found them words, since they are its engine's SQL.
/// </summary>
/// <param name="Name">Schema-qualified, as the engine quotes it.</param>
/// <param name="DropStatement">The statement that removes it without blocking writes.</param>
public sealed record InvalidIndex(string Name, string DropStatement)
{
    public static string Names(IEnumerable<InvalidIndex> indexes) => string.Join(", ", indexes.Select(i => i.Name));

    public static string DropStatements(IEnumerable<InvalidIndex> indexes) => string.Join(" ", indexes.Select(i => i.DropStatement));
}
