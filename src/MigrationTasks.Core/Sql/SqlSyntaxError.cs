namespace MigrationTasks.Sql;

/// <summary>
/// A construct the lexer could not finish (string, quoted identifier, dollar string, block comment).
/// The position is where the construct starts, because that is where the user has to look.
/// </summary>
/// <param name="Code">The stable diagnostic code, e.g. <c>MT1005</c>.</param>
/// <param name="Message">What is wrong and what to do next.</param>
/// <param name="Offset">0-based UTF-16 offset of the construct's first character.</param>
/// <param name="Line">1-based line of the construct's first character.</param>
/// <param name="Column">1-based column (UTF-16 code units) of the construct's first character.</param>
public sealed record SqlSyntaxError(string Code, string Message, int Offset, int Line, int Column)
{
    /// <summary>The code for every construct left open at the end of the script.</summary>
    public const string UnterminatedCode = "MT1005";
}
