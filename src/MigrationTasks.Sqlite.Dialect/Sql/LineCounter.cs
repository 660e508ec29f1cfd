namespace MigrationTasks.Sqlite.Dialect.Sql;

/// <summary>Line and column of increasing offsets, counting forward from the last one, so a script is read once however many positions are asked for.</summary>
internal struct LineCounter(string text)
{
    private int _at;
    private int _line = 1;
    private int _lineStart;

    public (int Line, int Column) MoveTo(int offset)
    {
        for (; _at < offset; _at++)
        {
            if (text[_at] == '\n' || (text[_at] == '\r' && (_at + 1 >= text.Length || text[_at + 1] != '\n')))
            {
                _line++;
                _lineStart = _at + 1;
            }
        }

        return (_line, offset - _lineStart + 1);
    }
}
