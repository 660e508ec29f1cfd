namespace MigrationTasks.Sql;

/// <summary>
/// Reads the tokens of a script one at a time, following PostgreSQL's own lexer (scan.l) for
/// everything that decides where a statement ends. It allocates nothing per token; keep it in
/// a local variable (it is a mutable struct). Reading stops at the first construct left open
/// (string, quoted identifier, dollar string, block comment), which <see cref="Error"/> describes.
/// </summary>
public struct SqlTokenReader
{
    private readonly string _sql;
    private LineTracker _lines;
    private int _position;

    /// <summary>Starts reading <paramref name="sql"/> at its beginning.</summary>
    public SqlTokenReader(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        _sql = sql;
        _lines = new LineTracker(sql);
    }

    /// <summary>The construct left open, once <see cref="Read"/> has returned false because of it.</summary>
    public SqlSyntaxError? Error { readonly get; private set; }

    /// <summary>Reads the next token; false at the end of the script or at an unterminated construct.</summary>
    public bool Read(out SqlToken token)
    {
        if (Error is not null || _sql is null || _position >= _sql.Length)
        {
            token = default;
            return false;
        }

        var start = _position;
        var (line, column) = _lines.MoveTo(start);
        var kind = Scan(start, out var end);
        if (end < 0)
        {
            Error = new SqlSyntaxError(SqlSyntaxError.UnterminatedCode, DescribeUnterminated(start), start, line, column);
            token = default;
            return false;
        }

        _position = end;
        token = new SqlToken(kind, start, end - start, line, column);
        return true;
    }

    private readonly char At(int index) => index < _sql.Length ? _sql[index] : '\0';

    /// <summary>Classifies the token at <paramref name="start"/>; <paramref name="end"/> is -1 when it is never closed.</summary>
    private readonly SqlTokenKind Scan(int start, out int end)
    {
        var c = _sql[start];
        var next = At(start + 1);
        var lower = (char)(c | 0x20);

        // A byte order mark is only whitespace at the very start, where editors put it.
        if (SqlCharacters.IsWhitespace(c) || (c == '\uFEFF' && start == 0))
        {
            end = start + 1;
            while (end < _sql.Length && SqlCharacters.IsWhitespace(_sql[end]))
            {
                end++;
            }

            return SqlTokenKind.Whitespace;
        }

        if (c == '-' && next == '-')
        {
            var lineBreak = _sql.AsSpan(start).IndexOfAny('\r', '\n');
            end = lineBreak < 0 ? _sql.Length : start + lineBreak;
            return SqlTokenKind.LineComment;
        }

        if (c == '/' && next == '*')
        {
            end = ScanBlockComment(start);
            return SqlTokenKind.BlockComment;
        }

        if (c is '\'' or '"')
        {
            end = ScanQuoted(start + 1, c);
            return c == '"' ? SqlTokenKind.QuotedIdentifier : SqlTokenKind.String;
        }

        // Prefixed literals: E'..' (backslash escapes), B'..', X'..', N'..', U&'..' and U&"..".
        if (next == '\'' && lower == 'e')
        {
            end = ScanEscapeString(start + 2);
            return SqlTokenKind.String;
        }

        if (next == '\'' && lower is 'b' or 'x' or 'n')
        {
            end = ScanQuoted(start + 2, '\'');
            return SqlTokenKind.String;
        }

        if (lower == 'u' && next == '&' && At(start + 2) is '\'' or '"')
        {
            var quote = _sql[start + 2];
            end = ScanQuoted(start + 3, quote);
            return quote == '"' ? SqlTokenKind.QuotedIdentifier : SqlTokenKind.String;
        }

        if (SqlCharacters.IsIdentifierStart(c))
        {
            end = start + 1;
            while (end < _sql.Length && SqlCharacters.IsIdentifierPart(_sql[end]))
            {
                end++;
            }

            return SqlTokenKind.Word;
        }

        if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(next)))
        {
            end = ScanNumber(start);
            return SqlTokenKind.Number;
        }

        if (c == '$')
        {
            return ScanDollar(start, out end);
        }

        if (c == ';')
        {
            end = start + 1;
            return SqlTokenKind.Semicolon;
        }

        if (SqlCharacters.IsOperator(c))
        {
            end = ScanOperator(start);
            return SqlTokenKind.Operator;
        }

        if (c == ':' && next == '=')
        {
            end = start + 2;
            return SqlTokenKind.Operator;
        }

        // "::" (cast) and ".." (PL/pgSQL ranges) are one token each; everything else is one character.
        end = (c is ':' or '.') && next == c ? start + 2 : start + 1;
        return SqlTokenKind.Punctuation;
    }

    /// <summary>End of a '..' or "..." body starting at <paramref name="from"/>, where a doubled quote stands for one.</summary>
    private readonly int ScanQuoted(int from, char quote)
    {
        var i = from;
        while (true)
        {
            var found = _sql.AsSpan(i).IndexOf(quote);
            if (found < 0)
            {
                return -1;
            }

            i += found + 1;
            if (At(i) != quote)
            {
                return i;
            }

            i++;
        }
    }

    /// <summary>End of an E'..' body: like '..' but a backslash escapes the next character, even a quote.</summary>
    private readonly int ScanEscapeString(int from)
    {
        var i = from;
        while (true)
        {
            var found = i <= _sql.Length ? _sql.AsSpan(i).IndexOfAny('\'', '\\') : -1;
            if (found < 0)
            {
                return -1;
            }

            i += found;
            if (_sql[i] == '\\')
            {
                i += 2;
                continue;
            }

            i++;
            if (At(i) != '\'')
            {
                return i;
            }

            i++;
        }
    }

    /// <summary>End of a block comment; PostgreSQL nests them, unlike the SQL standard and most languages.</summary>
    private readonly int ScanBlockComment(int start)
    {
        var depth = 1;
        var i = start + 2;
        while (true)
        {
            var found = _sql.AsSpan(i).IndexOfAny('*', '/');
            if (found < 0)
            {
                return -1;
            }

            i += found;
            if (_sql[i] == '*' && At(i + 1) == '/')
            {
                i += 2;
                if (--depth == 0)
                {
                    return i;
                }
            }
            else if (_sql[i] == '/' && At(i + 1) == '*')
            {
                i += 2;
                depth++;
            }
            else
            {
                i++;
            }
        }
    }

    private readonly int ScanNumber(int start)
    {
        // 0x1F, 0o17, 0b101 (PostgreSQL 16); "0x" with no digit after it is just 0 followed by a word.
        if (_sql[start] == '0')
        {
            var radix = (char)(At(start + 1) | 0x20) switch { 'x' => 16, 'o' => 8, 'b' => 2, _ => 0 };
            if (radix != 0)
            {
                var digitsEnd = ScanDigits(start + 2, radix);
                if (digitsEnd > start + 2)
                {
                    return digitsEnd;
                }
            }
        }

        var i = _sql[start] == '.' ? start : ScanDigits(start, 10);

        // "1..10" is the integer 1 then "..", as PostgreSQL lexes it for PL/pgSQL ranges.
        if (At(i) == '.' && At(i + 1) != '.')
        {
            i++;
            if (char.IsAsciiDigit(At(i)))
            {
                i = ScanDigits(i, 10);
            }
        }

        if ((At(i) | 0x20) == 'e')
        {
            var exponent = At(i + 1) is '+' or '-' ? i + 2 : i + 1;
            if (char.IsAsciiDigit(At(exponent)))
            {
                i = ScanDigits(exponent, 10);
            }
        }

        return i;
    }

    /// <summary>End of a run of digits of <paramref name="radix"/>, allowing single '_' separators (1_000).</summary>
    private readonly int ScanDigits(int i, int radix)
    {
        while (true)
        {
            if (IsDigit(At(i), radix))
            {
                i++;
            }
            else if (At(i) == '_' && IsDigit(At(i + 1), radix))
            {
                i += 2;
            }
            else
            {
                return i;
            }
        }
    }

    private static bool IsDigit(char c, int radix) => radix switch
    {
        16 => char.IsAsciiHexDigit(c),
        8 => c is >= '0' and <= '7',
        2 => c is '0' or '1',
        _ => char.IsAsciiDigit(c),
    };

    /// <summary>$1 is a parameter; $$ and $tag$ open a dollar string that ends at the same delimiter.</summary>
    private readonly SqlTokenKind ScanDollar(int start, out int end)
    {
        var i = start + 1;
        if (char.IsAsciiDigit(At(i)))
        {
            while (char.IsAsciiDigit(At(i)))
            {
                i++;
            }

            end = i;
            return SqlTokenKind.Parameter;
        }

        if (SqlCharacters.IsIdentifierStart(At(i)))
        {
            while (i < _sql.Length && SqlCharacters.IsDollarTagPart(_sql[i]))
            {
                i++;
            }
        }

        if (At(i) != '$')
        {
            // A lone '$' (or "$name" without a closing '$') is no quote; PostgreSQL returns the bare '$'.
            end = start + 1;
            return SqlTokenKind.Punctuation;
        }

        var delimiter = _sql.AsSpan(start, i + 1 - start);
        var bodyStart = i + 1;
        var close = _sql.AsSpan(bodyStart).IndexOf(delimiter);
        end = close < 0 ? -1 : bodyStart + close + delimiter.Length;
        return SqlTokenKind.DollarString;
    }

    private readonly int ScanOperator(int start)
    {
        var i = start + 1;
        while (i < _sql.Length && SqlCharacters.IsOperator(_sql[i]))
        {
            // "--" and "/*" start a comment even in the middle of an operator.
            if ((_sql[i] == '-' && At(i + 1) == '-') || (_sql[i] == '/' && At(i + 1) == '*'))
            {
                break;
            }

            i++;
        }

        // PostgreSQL lets an operator end in '+' or '-' only if it holds one of ~!@#%^&|`?,
        // so "a=-1" is "=" then "-1"; the trailing signs start the next token instead.
        if (i - start > 1 && _sql[i - 1] is '+' or '-' && !_sql.AsSpan(start, i - start).ContainsAny(SqlCharacters.NonMathOperators))
        {
            do
            {
                i--;
            }
            while (i - start > 1 && _sql[i - 1] is '+' or '-');
        }

        return i;
    }

    private readonly string DescribeUnterminated(int start)
    {
        var c = _sql[start];
        var lower = (char)(c | 0x20);
        if (c == '$')
        {
            var tagEnd = _sql.IndexOf('$', start + 1);
            var delimiter = _sql[start..(tagEnd + 1)];
            return $"Unterminated dollar-quoted string {delimiter} starting here: close it with {delimiter}.";
        }

        if (c == '/')
        {
            return "Unterminated block comment starting here: close it with */ (block comments nest, so every /* needs its own */).";
        }

        if (c == '"' || (lower == 'u' && At(start + 2) == '"'))
        {
            return "Unterminated quoted identifier starting here: close it with \" (write \"\" for a quote inside the name).";
        }

        var what = c == '\'' ? "string literal" : lower switch
        {
            'e' => "escape string E'...'",
            'u' => "Unicode string U&'...'",
            'b' => "bit string B'...'",
            'x' => "hexadecimal bit string X'...'",
            _ => "national character string N'...'",
        };
        var quoteInside = lower == 'e' && c != '\'' ? "write \\' or '' for a quote inside it" : "write '' for a quote inside it";
        return $"Unterminated {what} starting here: close it with ' ({quoteInside}).";
    }
}
