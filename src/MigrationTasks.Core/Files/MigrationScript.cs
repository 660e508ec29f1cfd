using MigrationTasks.Directives;
using MigrationTasks.Sql;

namespace MigrationTasks.Files;

/// <summary>One SQL file, decoded, hashed, split into statements, with its directives.</summary>
public sealed record MigrationScript(
    string Path,
    string Text,
    string Checksum,
    MigrationDirectives Directives,
    IReadOnlyList<SqlStatement> Statements)
{
    public bool IsEmpty => Statements.Count == 0;
}
