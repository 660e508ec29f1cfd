namespace MigrationTasks.Sql;

/// <summary>Conversions between offsets, server-reported positions and line/column.</summary>
public static class SqlPosition
{
    /// <summary>
    /// The 1-based line and column of a 0-based UTF-16 <paramref name="offset"/> in <paramref name="text"/>.
    /// An offset equal to the length locates the end of the text.
    /// </summary>
    public static (int Line, int Column) Locate(string text, int offset)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset, text.Length);
        return new LineTracker(text).MoveTo(offset);
    }

    /// <summary>
    /// The 0-based UTF-16 offset in <paramref name="text"/> of a 1-based character position as
    /// PostgreSQL reports it (<c>PostgresException.Position</c>). The server counts characters
    /// (code points), not UTF-16 units, so a surrogate pair before the error counts once.
    /// Positions past the end (the server says "at end of input") map to the end of the text.
    /// </summary>
    public static int OffsetOfServerPosition(string text, int position)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(position, 1);
        var offset = 0;
        for (var remaining = position - 1; remaining > 0 && offset < text.Length; remaining--)
        {
            offset += char.IsHighSurrogate(text[offset]) && offset + 1 < text.Length && char.IsLowSurrogate(text[offset + 1]) ? 2 : 1;
        }

        return offset;
    }
}
