namespace MigrationTasks.Sql;

/// <summary>A line comment (<c>-- ...</c>) as the dialect's lexer found it: where directives and tool markers are read.</summary>
/// <param name="Offset">Where the comment starts in the text, at its <c>--</c>.</param>
/// <param name="Length">Its length, the <c>--</c> included and the line break not.</param>
public readonly record struct SqlComment(int Offset, int Length, int Line, int Column);
