namespace MigrationTasks.Sql;

/// <summary>
/// One statement of a script, as sent to the server on its own: from its first token to its
/// last token, without leading or trailing comments and without the terminating <c>;</c>.
/// </summary>
/// <param name="Index">0-based index among the script's statements.</param>
/// <param name="Text">The statement text, a slice of the script.</param>
/// <param name="Offset">0-based UTF-16 offset of the text in the script.</param>
/// <param name="Line">1-based script line where the text starts.</param>
/// <param name="Column">1-based script column (UTF-16 code units) where the text starts.</param>
public sealed record SqlStatement(int Index, string Text, int Offset, int Line, int Column)
{
    /// <summary>
    /// The script offset of a 1-based character position inside <see cref="Text"/>, as
    /// PostgreSQL reports it for this statement (<c>PostgresException.Position</c>).
    /// </summary>
    public int ToScriptOffset(int positionInStatement) =>
        Offset + SqlPosition.OffsetOfServerPosition(Text, positionInStatement);

    /// <summary>
    /// The script line and column of a 1-based character position inside <see cref="Text"/>, as
    /// PostgreSQL reports it for this statement (<c>PostgresException.Position</c>). Needs no
    /// script: the text is an exact slice of it and the statement knows where it starts.
    /// </summary>
    public (int Line, int Column) LocateInScript(int positionInStatement)
    {
        var offsetInText = SqlPosition.OffsetOfServerPosition(Text, positionInStatement);
        var (line, column) = SqlPosition.Locate(Text, offsetInText);
        return line == 1 ? (Line, Column + column - 1) : (Line + line - 1, column);
    }
}
