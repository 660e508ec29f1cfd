using MigrationTasks.Directives;
using MigrationTasks.Layouts;
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

    /// <summary>Whether this is a down script: by its name in our layout, by its section or file prefix in another tool's.</summary>
    public bool IsDown { get; init; } = System.IO.Path.GetFileName(Path).EndsWith(".down.sql", StringComparison.Ordinal);

    /// <summary>The layout the script was written in, which decides how its tool's markers are read (<see cref="LayoutText"/>).</summary>
    public MigrationLayout Layout { get; init; } = MigrationLayout.MigrationTasks;
}
