// TEMPORARY stub until the lexer branch merges; replaced wholesale.
namespace MigrationTasks.Sql;
public enum SqlTokenKind { Word, QuotedIdentifier, String, DollarString, Number, Operator, Punctuation, Semicolon, LineComment, BlockComment, Parameter, Whitespace }
public readonly record struct SqlToken(SqlTokenKind Kind, int Offset, int Length, int Line, int Column);
public sealed record SqlStatement(int Index, string Text, int Offset, int Line, int Column);
public sealed record SqlSyntaxError(string Code, string Message, int Offset, int Line, int Column);
public sealed record SqlScript(IReadOnlyList<SqlStatement> Statements, SqlSyntaxError? Error);
public static class SqlLexer { public static IEnumerable<SqlToken> Tokenize(string sql) { yield break; } }
public static class SqlPosition { public static (int Line, int Column) Locate(string text, int offset) { var line = 1; var start = 0; for (var i = 0; i < offset && i < text.Length; i++) { if (text[i] == '\n') { line++; start = i + 1; } } return (line, offset - start + 1); } }
public static class SqlSplitter
{
    public static SqlScript Split(string sql)
    {
        var list = new List<SqlStatement>();
        var start = 0;
        for (var i = 0; i <= sql.Length; i++)
        {
            if (i == sql.Length || sql[i] == ';')
            {
                var seg = sql[start..i];
                var trimmed = string.Join('\n', seg.Split('\n').Where(l => !l.TrimStart().StartsWith("--", StringComparison.Ordinal))).Trim();
                if (trimmed.Length > 0) { var off = sql.IndexOf(trimmed[..Math.Min(5, trimmed.Length)], start, StringComparison.Ordinal); var (l, c) = SqlPosition.Locate(sql, off); list.Add(new SqlStatement(list.Count, trimmed, off, l, c)); }
                start = i + 1;
            }
        }
        return new SqlScript(list, null);
    }
}
