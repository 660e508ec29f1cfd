using System.Buffers;

namespace MigrationTasks.Sql;

/// <summary>PostgreSQL's character classes (scan.l), as cheap comparisons instead of regular expressions.</summary>
internal static class SqlCharacters
{
    // PostgreSQL treats every non-ASCII character as a letter, so identifiers in any script work.
    public static bool IsIdentifierStart(char c) => (uint)((c | 0x20) - 'a') <= 'z' - 'a' || c == '_' || c >= '\u0080';

    public static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || char.IsAsciiDigit(c) || c == '$';

    // A dollar-quote tag is an identifier without '$', or "$1$" could not be told from "$1".
    public static bool IsDollarTagPart(char c) => IsIdentifierStart(c) || char.IsAsciiDigit(c);

    public static bool IsWhitespace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f' or '\v';

    public static bool IsOperator(char c) => c is '+' or '-' or '*' or '/' or '<' or '>' or '=' or '~' or '!' or '@' or '#' or '%' or '^' or '&' or '|' or '`' or '?';

    // An operator with one of these may end in '+' or '-'; without, trailing '+'/'-' belong to the next token.
    public static readonly SearchValues<char> NonMathOperators = SearchValues.Create("~!@#%^&|`?");
}
