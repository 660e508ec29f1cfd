using MigrationTasks.Sql;

namespace MigrationTasks.Sqlite.Dialect.Sql;

/// <summary>The words of a statement in order, upper-cased, quoted identifiers and literals as they are: what the rules match on.</summary>
internal sealed class StatementWords
{
    private readonly List<string> _words = [];

    public StatementWords(SqlStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        foreach (var token in SqliteLexer.Tokenize(statement.Text))
        {
            if (token.IsSignificant)
            {
                var text = statement.Text.Substring(token.Offset, token.Length);
                _words.Add(token.Kind == SqliteTokenKind.Word ? text.ToUpperInvariant() : text);
            }
        }
    }

    public int Count => _words.Count;

    public string this[int index] => index < _words.Count ? _words[index] : "";

    /// <summary>Whether the statement starts with these words.</summary>
    public bool StartsWith(params string[] words) => IndexOf(0, words) == 0;

    /// <summary>The index where these words appear in a row, from <paramref name="from"/>; -1 when they do not.</summary>
    public int IndexOf(int from, params string[] words)
    {
        for (var i = from; i + words.Length <= _words.Count; i++)
        {
            if (words.Select((w, k) => string.Equals(_words[i + k], w, StringComparison.Ordinal)).All(same => same))
            {
                return i;
            }
        }

        return -1;
    }
}
