namespace MigrationTasks.Sql;

/// <summary>
/// One token of a script. It holds positions rather than text so that lexing allocates
/// nothing; use <see cref="GetText"/> or <see cref="AsSpan"/> with the script it came from.
/// </summary>
/// <param name="Kind">What the token is.</param>
/// <param name="Offset">0-based UTF-16 offset in the script.</param>
/// <param name="Length">Length in UTF-16 code units.</param>
/// <param name="Line">1-based line of the first character.</param>
/// <param name="Column">1-based column of the first character, in UTF-16 code units.</param>
public readonly record struct SqlToken(SqlTokenKind Kind, int Offset, int Length, int Line, int Column)
{
    /// <summary>The offset just past the token.</summary>
    public int End => Offset + Length;

    /// <summary>Whether the token carries meaning for the server (not whitespace or a comment).</summary>
    public bool IsSignificant => Kind is not (SqlTokenKind.Whitespace or SqlTokenKind.LineComment or SqlTokenKind.BlockComment);

    /// <summary>The token's characters within <paramref name="sql"/>, the script it was read from.</summary>
    public ReadOnlySpan<char> AsSpan(string sql) => sql.AsSpan(Offset, Length);

    /// <summary>The token's text within <paramref name="sql"/>, the script it was read from.</summary>
    public string GetText(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        return sql.Substring(Offset, Length);
    }
}
