namespace MigrationTasks.Sql;

/// <summary>The lexical classes of PostgreSQL SQL that splitting and linting need to tell apart.</summary>
public enum SqlTokenKind
{
    /// <summary>A keyword or unquoted identifier, e.g. <c>SELECT</c>, <c>foo$bar</c>.</summary>
    Word,

    /// <summary>A double-quoted identifier, <c>"..."</c> or <c>U&amp;"..."</c>.</summary>
    QuotedIdentifier,

    /// <summary>A quoted string: <c>'...'</c>, <c>E'...'</c>, <c>U&amp;'...'</c>, <c>B'...'</c>, <c>X'...'</c>, <c>N'...'</c>.</summary>
    String,

    /// <summary>A dollar-quoted string, <c>$$...$$</c> or <c>$tag$...$tag$</c>.</summary>
    DollarString,

    /// <summary>A numeric constant, e.g. <c>42</c>, <c>1.5e10</c>, <c>.5</c>, <c>0x1F</c>, <c>1_000</c>.</summary>
    Number,

    /// <summary>An operator, e.g. <c>=</c>, <c>&lt;&gt;</c>, <c>-&gt;&gt;</c>, <c>:=</c>.</summary>
    Operator,

    /// <summary>Parentheses, brackets, comma, dot, colon, <c>::</c>, and any other single character.</summary>
    Punctuation,

    /// <summary>A <c>;</c>.</summary>
    Semicolon,

    /// <summary>A <c>--</c> comment, up to but not including the line break.</summary>
    LineComment,

    /// <summary>A <c>/* ... */</c> comment, which nests in PostgreSQL.</summary>
    BlockComment,

    /// <summary>A positional parameter, <c>$1</c>.</summary>
    Parameter,

    /// <summary>Spaces, tabs, line breaks, form feeds (and a leading byte order mark).</summary>
    Whitespace,
}
