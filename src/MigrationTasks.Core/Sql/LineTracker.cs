namespace MigrationTasks.Sql;

/// <summary>
/// Turns increasing offsets into line and column while reading each character once, so a
/// whole script costs one pass however many positions are asked for. <c>\n</c>, <c>\r\n</c>
/// and a lone <c>\r</c> each end a line.
/// </summary>
internal struct LineTracker
{
    private readonly string _text;
    private int _countedTo;
    private int _line;
    private int _lineStart;

    public LineTracker(string text)
    {
        _text = text;
        _line = 1;
    }

    /// <summary>Line and column of <paramref name="offset"/>; offsets must not decrease between calls.</summary>
    public (int Line, int Column) MoveTo(int offset)
    {
        if (offset < _countedTo)
        {
            // Going back is rare (only for callers that ask out of order); start over.
            _countedTo = 0;
            _line = 1;
            _lineStart = 0;
        }

        // Most tokens are short, where a plain loop beats setting up a vectorized search.
        if (offset - _countedTo <= 16)
        {
            for (var i = _countedTo; i < offset; i++)
            {
                if (_text[i] is '\r' or '\n')
                {
                    CountLineBreak(i);
                }
            }
        }
        else
        {
            var at = _countedTo;
            int found;
            while ((found = _text.AsSpan(at, offset - at).IndexOfAny('\r', '\n')) >= 0)
            {
                CountLineBreak(at + found);
                at += found + 1;
            }
        }

        _countedTo = offset;
        return (_line, offset - _lineStart + 1);
    }

    private void CountLineBreak(int index)
    {
        // The \n of a \r\n pair only moves the line start; the \r already counted the line.
        if (_text[index] == '\r' || index == 0 || _text[index - 1] != '\r')
        {
            _line++;
        }

        _lineStart = index + 1;
    }
}
