using MigrationTasks.Sql;

namespace MigrationTasks.Sqlite.Dialect.Sql;

/// <summary>
/// The words of a statement in order, upper-cased, quoted identifiers and literals as they are: what the rules match on.
/// Read only as far as a question needs: most statements are answered by their first two or three words, and reading
/// every word of every statement was a third of a no-op <c>up</c> of a thousand files (docs/performance.md).
/// </summary>
internal sealed class StatementWords
{
    private readonly string _text;
    private readonly List<string> _words = [];
    private IEnumerator<SqliteToken>? _tokens;

    public StatementWords(SqlStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        _text = statement.Text;
        _tokens = SqliteLexer.Tokenize(_text).GetEnumerator();
    }

    public string this[int index] => Has(index) ? _words[index] : "";

    /// <summary>Whether the statement starts with these words.</summary>
    public bool StartsWith(params string[] words) => Matches(0, words);

    /// <summary>The index where these words appear in a row, from <paramref name="from"/>; -1 when they do not.</summary>
    public int IndexOf(int from, params string[] words)
    {
        ArgumentNullException.ThrowIfNull(words);
        for (var i = from; Has(i + words.Length - 1); i++)
        {
            if (Matches(i, words))
            {
                return i;
            }
        }

        return -1;
    }

    private bool Matches(int at, string[] words)
    {
        for (var k = 0; k < words.Length; k++)
        {
            if (!Has(at + k) || !string.Equals(_words[at + k], words[k], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    // Reads words until the one at index is there, or the statement ends.
    private bool Has(int index)
    {
        while (_words.Count <= index && _tokens is not null)
        {
            if (!_tokens.MoveNext())
            {
                _tokens.Dispose();
                _tokens = null;
                break;
            }

            var token = _tokens.Current;
            if (token.IsSignificant)
            {
                var text = _text.Substring(token.Offset, token.Length);
                _words.Add(token.Kind == SqliteTokenKind.Word ? text.ToUpperInvariant() : text);
            }
        }

        return index < _words.Count;
    }
}
