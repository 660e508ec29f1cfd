namespace MigrationTasks.Execution;

/// <summary>
/// A failed CREATE INDEX CONCURRENTLY leaves an INVALID index behind: it slows every write and
/// makes the next attempt fail with "already exists". Both the failure and <c>repair</c> name them
/// with the statement that removes them without blocking writes.
/// </summary>
public static class InvalidIndexes
{
    public static string DropStatements(IEnumerable<string> qualifiedNames) =>
        string.Join(" ", qualifiedNames.Select(name => $"DROP INDEX CONCURRENTLY {name};"));
}
