namespace MigrationTasks.Sql;

/// <summary>Tokenizes PostgreSQL SQL. For the allocation-free path use <see cref="SqlTokenReader"/> directly.</summary>
public static class SqlLexer
{
    /// <summary>
    /// The tokens of <paramref name="sql"/>, whitespace and comments included, lazily. The sequence
    /// simply ends at an unterminated construct; use the overload with an error to learn about it.
    /// </summary>
    public static IEnumerable<SqlToken> Tokenize(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        return Enumerate(sql);
    }

    /// <summary>All tokens of <paramref name="sql"/>, and the unterminated construct that stopped reading, if any.</summary>
    public static IReadOnlyList<SqlToken> Tokenize(string sql, out SqlSyntaxError? error)
    {
        var reader = new SqlTokenReader(sql);
        var tokens = new List<SqlToken>();
        while (reader.Read(out var token))
        {
            tokens.Add(token);
        }

        error = reader.Error;
        return tokens;
    }

    private static IEnumerable<SqlToken> Enumerate(string sql)
    {
        var reader = new SqlTokenReader(sql);
        while (reader.Read(out var token))
        {
            yield return token;
        }
    }
}
