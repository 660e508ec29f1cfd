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

    /// <summary>The <c>-- migrate:allow</c> waivers written after the first statement, each for the statement it sits on.</summary>
    public IReadOnlyList<LintWaiver> StatementWaivers { get; init; } = [];

    public bool IsDown => System.IO.Path.GetFileName(Path).EndsWith(".down.sql", StringComparison.Ordinal);
}
