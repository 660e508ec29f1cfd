namespace MigrationTasks.Sqlite.Dialect.Sql;

internal enum SqliteTokenKind
{
    Whitespace,
    LineComment,
    BlockComment,
    Word,

    /// <summary>A quoted identifier: <c>"x"</c>, <c>[x]</c> or <c>`x`</c>.</summary>
    QuotedIdentifier,

    /// <summary>A string or blob literal: <c>'x'</c>, <c>X'00'</c>.</summary>
    String,
    Semicolon,
    Other,
}

/// <summary>One token of a script, as a slice of it.</summary>
internal readonly record struct SqliteToken(SqliteTokenKind Kind, int Offset, int Length)
{
    public bool IsSignificant => Kind is not (SqliteTokenKind.Whitespace or SqliteTokenKind.LineComment or SqliteTokenKind.BlockComment);

    public bool IsWord(string text, string word) =>
        Kind == SqliteTokenKind.Word && text.AsSpan(Offset, Length).Equals(word, StringComparison.OrdinalIgnoreCase);
}
