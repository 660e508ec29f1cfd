using MigrationTasks.Sql;

namespace MigrationTasks.Sqlite.Dialect.Sql;

/// <summary>
/// SQLite's tokens, as its own tokenizer reads them (tokenize.c): <c>--</c> and <c>/* */</c>
/// comments (a block comment may run to the end of the script), <c>'…'</c> strings with <c>''</c>,
/// identifiers quoted with <c>"…"</c>, <c>[…]</c> or <c>`…`</c>. There are no dollar quotes and no
/// backslash escapes. An unterminated string or identifier is the script's error (MT1005).
/// </summary>
internal static class SqliteLexer
{
    public static IEnumerable<SqliteToken> Tokenize(string text, Action<SqlSyntaxError>? onError = null)
    {
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            var c = text[i];
            SqliteTokenKind kind;
            if (char.IsWhiteSpace(c))
            {
                while (i < text.Length && char.IsWhiteSpace(text[i]))
                {
                    i++;
                }

                kind = SqliteTokenKind.Whitespace;
            }
            else if (c == '-' && At(text, i + 1, '-'))
            {
                i = text.IndexOfAny(['\r', '\n'], i) is var end and >= 0 ? end : text.Length;
                kind = SqliteTokenKind.LineComment;
            }
            else if (c == '/' && At(text, i + 1, '*'))
            {
                // SQLite accepts a block comment left open at the end of the input.
                i = text.IndexOf("*/", i + 2, StringComparison.Ordinal) is var end and >= 0 ? end + 2 : text.Length;
                kind = SqliteTokenKind.BlockComment;
            }
            else if (c is '\'' or '"' or '`' || c == '[' || (c is 'x' or 'X' && At(text, i + 1, '\'')))
            {
                var open = c is 'x' or 'X' ? i + 1 : i;
                var close = text[open] == '[' ? ']' : text[open];
                i = Closing(text, open + 1, close);
                if (i < 0)
                {
                    var (line, column) = SqlPosition.Locate(text, start);
                    onError?.Invoke(new SqlSyntaxError(SqlSyntaxError.UnterminatedCode,
                        $"unterminated {Describe(text[open])} starting here; close it with {close}", start, line, column));
                    yield break;
                }

                kind = text[open] == '\'' ? SqliteTokenKind.String : SqliteTokenKind.QuotedIdentifier;
            }
            else if (c == ';')
            {
                i++;
                kind = SqliteTokenKind.Semicolon;
            }
            else if (char.IsLetterOrDigit(c) || c is '_' or '$')
            {
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '$'))
                {
                    i++;
                }

                kind = SqliteTokenKind.Word;
            }
            else
            {
                i++;
                kind = SqliteTokenKind.Other;
            }

            yield return new SqliteToken(kind, start, i - start);
        }
    }

    private static bool At(string text, int index, char c) => index < text.Length && text[index] == c;

    // The offset after the closing character; a doubled quote ('' "" ``) is part of the token. -1 when never closed.
    private static int Closing(string text, int from, char close)
    {
        for (var i = from; i < text.Length; i++)
        {
            if (text[i] != close)
            {
                continue;
            }

            if (close != ']' && At(text, i + 1, close))
            {
                i++;
                continue;
            }

            return i + 1;
        }

        return -1;
    }

    private static string Describe(char open) => open switch
    {
        '\'' => "string",
        _ => "quoted identifier",
    };
}
