namespace MigrationTasks.Sql;

/// <summary>
/// Tells the splitter when a ';' is inside a SQL-standard routine body,
/// <c>CREATE [OR REPLACE] FUNCTION|PROCEDURE ... BEGIN ATOMIC stmt; stmt; END</c>, where it does
/// not end the statement. Like psql's heuristic it is no parser: it watches the statement's
/// leading words, then BEGIN ATOMIC outside parentheses, then counts CASE ... END pairs (CASE
/// expressions are the only other thing that ends with END in such a body) until the body's END.
/// </summary>
internal struct RoutineBodyTracker
{
    private Header _header;
    private int _parenDepth;
    private bool _afterBegin;
    private int _bodyDepth;

    private enum Header
    {
        Start,
        Create,
        CreateOr,
        CreateOrReplace,
        Routine,
        Other,
    }

    /// <summary>Whether a ';' here belongs to the statement rather than ending it.</summary>
    public readonly bool InBody => _bodyDepth > 0;

    /// <summary>Feeds the next significant (non-whitespace, non-comment) token of the statement.</summary>
    public void Accept(SqlTokenKind kind, ReadOnlySpan<char> text)
    {
        var wasAfterBegin = _afterBegin;
        _afterBegin = false;

        if (kind == SqlTokenKind.Punctuation && text.Length == 1)
        {
            TrackParentheses(text[0]);
        }

        if (_header != Header.Routine)
        {
            _header = kind == SqlTokenKind.Word ? NextHeader(_header, text) : Header.Other;
            return;
        }

        if (kind != SqlTokenKind.Word)
        {
            return;
        }

        if (_bodyDepth > 0)
        {
            if (Is(text, "CASE"))
            {
                _bodyDepth++;
            }
            else if (Is(text, "END"))
            {
                _bodyDepth--;
            }
        }
        else if (wasAfterBegin && Is(text, "ATOMIC"))
        {
            _bodyDepth = 1;
        }
        else
        {
            // BEGIN inside parentheses would be a parameter or default, never a body.
            _afterBegin = _parenDepth == 0 && Is(text, "BEGIN");
        }
    }

    private void TrackParentheses(char c)
    {
        if (c == '(')
        {
            _parenDepth++;
        }
        else if (c == ')' && _parenDepth > 0)
        {
            _parenDepth--;
        }
    }

    private static Header NextHeader(Header header, ReadOnlySpan<char> word) => header switch
    {
        Header.Start when Is(word, "CREATE") => Header.Create,
        Header.Create when Is(word, "OR") => Header.CreateOr,
        Header.CreateOr when Is(word, "REPLACE") => Header.CreateOrReplace,
        Header.Create or Header.CreateOrReplace when Is(word, "FUNCTION") || Is(word, "PROCEDURE") => Header.Routine,
        _ => Header.Other,
    };

    private static bool Is(ReadOnlySpan<char> word, string keyword) => word.Equals(keyword, StringComparison.OrdinalIgnoreCase);
}
