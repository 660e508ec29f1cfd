using MigrationTasks.Sql;

namespace MigrationTasks.Lint;

/// <summary>
/// The significant tokens of one statement, read lazily: most rules decide on the first two or
/// three words, so a large INSERT is never tokenized past its start.
/// </summary>
internal sealed class StatementWords(SqlStatement statement)
{
    private readonly IEnumerator<SqlToken> _tokens = SqlLexer.Tokenize(statement.Text).Where(t => t.IsSignificant).GetEnumerator();
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

    /// <summary>Whether token <paramref name="index"/> turns an option off: <c>false</c>, <c>off</c> or <c>0</c>.</summary>
    public bool IsFalse(int index) =>
        Is(index, "false") || Is(index, "off")
        || (TryGet(index, out var token) && token.Kind == SqlTokenKind.Number && token.AsSpan(statement.Text) is "0");

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

    private bool TryGet(int index, out SqlToken token)
    {
        while (index >= _read.Count && !_ended)
        {
            if (_tokens.MoveNext())
            {
                _read.Add(_tokens.Current);
            }
            else
            {
                _ended = true;
                _tokens.Dispose();
            }
        }

        token = index >= 0 && index < _read.Count ? _read[index] : default;
        return index >= 0 && index < _read.Count;
    }
}
