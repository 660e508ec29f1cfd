using MigrationTasks.Sql;

namespace MigrationTasks.Lint;

/// <summary>
/// The significant tokens of one statement, read lazily: most rules decide on the first two or
/// three words, so a large INSERT is never tokenized past its start.
/// </summary>
internal sealed class StatementWords(SqlStatement statement)
{
    // The reader itself rather than a LINQ pipeline over the lexer: every statement of every file gets one
    // of these at load (TransactionRule), and the iterator and its generic instantiations cost start-up time.
    private SqlTokenReader _tokens = new(statement.Text);
    private readonly List<SqlToken> _read = [];
    private bool _ended;

    public SqlStatement Statement => statement;

    /// <summary>Whether token <paramref name="index"/> is the keyword <paramref name="word"/> (case-insensitive).</summary>
    public bool Is(int index, string word) =>
        TryGet(index, out var token) && token.Kind == SqlTokenKind.Word
        && token.AsSpan(statement.Text).Equals(word, StringComparison.OrdinalIgnoreCase);

    public bool Exists(int index) => TryGet(index, out _);

    public bool IsPunctuation(int index, char c) =>
        TryGet(index, out var token) && token.Kind == SqlTokenKind.Punctuation && token.Length == 1 && statement.Text[token.Offset] == c;

    /// <summary>Whether token <paramref name="index"/> is the operator <paramref name="op"/>, e.g. <c>*</c>.</summary>
    public bool IsOperator(int index, string op) =>
        TryGet(index, out var token) && token.Kind == SqlTokenKind.Operator && token.AsSpan(statement.Text).SequenceEqual(op);

    /// <summary>
    /// Whether token <paramref name="index"/> turns an option off as PostgreSQL's defGetBoolean reads it: the number 0,
    /// or <c>false</c> / <c>off</c> written as a word or as any string literal (<c>'false'</c>, <c>E'off'</c>, <c>U&amp;'false'</c>).
    /// </summary>
    public bool IsFalse(int index) =>
        Is(index, "false") || Is(index, "off")
        || (TryGet(index, out var token) && token.Kind == SqlTokenKind.Number && token.AsSpan(statement.Text) is "0")
        || OptionString(index) is { } value && (value.Equals("false", StringComparison.OrdinalIgnoreCase) || value.Equals("off", StringComparison.OrdinalIgnoreCase));

    // The text of a plain, E'' or U&'' string literal, enough to compare with an option word (no escape in such a word).
    private string? OptionString(int index)
    {
        if (!TryGet(index, out var token) || token.Kind != SqlTokenKind.String)
        {
            return null;
        }

        var text = token.GetText(statement.Text);
        var open = text.IndexOf('\'', StringComparison.Ordinal);
        var prefix = text[..open];
        return prefix is "" or "E" or "e" or "U&" or "u&" ? text[(open + 1)..^1].Replace("''", "'", StringComparison.Ordinal) : null;
    }

    /// <summary>The index just past a parenthesized group starting at <paramref name="index"/>, or <paramref name="index"/> when there is none.</summary>
    public int SkipParentheses(int index)
    {
        if (!IsPunctuation(index, '('))
        {
            return index;
        }

        var depth = 0;
        for (var i = index; TryGet(i, out _); i++)
        {
            depth += IsPunctuation(i, '(') ? 1 : IsPunctuation(i, ')') ? -1 : 0;
            if (depth == 0)
            {
                return i + 1;
            }
        }

        return int.MaxValue;
    }

    /// <summary>The first index at or after <paramref name="start"/> holding <paramref name="word"/>, or -1.</summary>
    public int IndexOf(string word, int start)
    {
        for (var i = start; TryGet(i, out _); i++)
        {
            if (Is(i, word))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The token at <paramref name="index"/>, or a default token past the end.</summary>
    public SqlToken TokenAt(int index) => TryGet(index, out var token) ? token : default;

    public bool IsIdentifier(int index) =>
        TryGet(index, out var token) && token.Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier;

    /// <summary>The identifier at <paramref name="index"/> as the server folds it: unquoted words in lower case, quoted ones verbatim.</summary>
    public string? Identifier(int index)
    {
        if (!TryGet(index, out var token) || token.Kind is not (SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier))
        {
            return null;
        }

        var text = token.GetText(statement.Text);
        if (token.Kind == SqlTokenKind.Word)
        {
            return text.ToLowerInvariant();
        }

        var open = text.IndexOf('"', StringComparison.Ordinal);
        return text[(open + 1)..^1].Replace("\"\"", "\"", StringComparison.Ordinal);
    }

    /// <summary>The value of a plain string literal <c>'...'</c> at <paramref name="index"/> (quotes undoubled), or null for any other token.</summary>
    public string? StringLiteral(int index)
    {
        if (!TryGet(index, out var token) || token.Kind != SqlTokenKind.String || statement.Text[token.Offset] != '\'')
        {
            return null;
        }

        return statement.Text.Substring(token.Offset + 1, token.Length - 2).Replace("''", "'", StringComparison.Ordinal);
    }

    /// <summary>
    /// A possibly schema-qualified name at <paramref name="index"/> as one key, and the index just past it:
    /// <c>orders</c>, <c>public.orders</c> and <c>"orders"</c> are all <c>orders</c> (the default schema),
    /// while <c>app.orders</c> stays <c>app.orders</c>. A database prefix is dropped.
    /// </summary>
    public string? Name(int index, out int next)
    {
        next = index;
        var name = Identifier(index);
        if (name is null)
        {
            return null;
        }

        string? schema = null;
        next = index + 1;
        while (IsPunctuation(next, '.') && Identifier(next + 1) is { } part)
        {
            schema = name;
            name = part;
            next += 2;
        }

        return schema is null or DefaultSchema ? name : $"{schema}.{name}";
    }

    /// <summary>The schema part of a key from <see cref="Name"/> with a dot after it, or "" for the default schema.</summary>
    public static string SchemaPrefix(string name) => name.LastIndexOf('.') is var dot and > 0 ? name[..(dot + 1)] : "";

    // Unqualified names resolve through search_path, which starts with public unless a migration changes it.
    private const string DefaultSchema = "public";

    /// <summary>The first index in [<paramref name="start"/>, <paramref name="end"/>) holding <paramref name="word"/> outside any parentheses, or -1.</summary>
    public int IndexAtTopLevel(string word, int start, int end = int.MaxValue)
    {
        var depth = 0;
        for (var i = start; i < end && TryGet(i, out _); i++)
        {
            depth += IsPunctuation(i, '(') ? 1 : IsPunctuation(i, ')') ? -1 : 0;
            if (depth == 0 && Is(i, word))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// The comma-separated items from <paramref name="start"/> up to the end of the statement or
    /// the parenthesis that closes the enclosing group, as [Start, End) index ranges.
    /// </summary>
    public List<(int Start, int End)> Items(int start)
    {
        var items = new List<(int, int)>();
        var depth = 0;
        var itemStart = start;
        var i = start;
        for (; TryGet(i, out _); i++)
        {
            if (IsPunctuation(i, '('))
            {
                depth++;
            }
            else if (IsPunctuation(i, ')') && --depth < 0)
            {
                break;
            }
            else if (depth == 0 && IsPunctuation(i, ','))
            {
                items.Add((itemStart, i));
                itemStart = i + 1;
            }
        }

        if (i > itemStart)
        {
            items.Add((itemStart, i));
        }

        return items;
    }

    private bool TryGet(int index, out SqlToken token)
    {
        while (index >= _read.Count && !_ended)
        {
            if (!_tokens.Read(out var next))
            {
                _ended = true;
            }
            else if (next.IsSignificant)
            {
                _read.Add(next);
            }
        }

        token = index >= 0 && index < _read.Count ? _read[index] : default;
        return index >= 0 && index < _read.Count;
    }
}
