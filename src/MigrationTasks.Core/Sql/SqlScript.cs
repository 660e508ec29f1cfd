namespace MigrationTasks.Sql;

/// <summary>
/// A script split into statements. When <see cref="Error"/> is set, <see cref="Statements"/>
/// holds the complete statements before the statement that contains the error.
/// </summary>
/// <param name="Statements">The statements in script order.</param>
/// <param name="Error">The first lexical error, or <see langword="null"/>.</param>
public sealed record SqlScript(IReadOnlyList<SqlStatement> Statements, SqlSyntaxError? Error);
