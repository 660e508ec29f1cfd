using MigrationTasks.Sql;

namespace MigrationTasks.Sqlite.Dialect.Sql;

/// <summary>
/// Splits a script at the semicolons that end a statement for SQLite. The one construct that holds
/// semicolons is a trigger body: <c>CREATE TRIGGER … BEGIN stmt; stmt; END;</c> is one statement,
/// and a <c>CASE … END</c> inside the body does not end it.
/// </summary>
internal static class SqliteSplitter
{
    public static SqlScript Split(string text)
    {
        SqlSyntaxError? error = null;
        var statements = new List<SqlStatement>();
        var lines = new LineCounter(text);
        var significant = new List<SqliteToken>();
        foreach (var token in SqliteLexer.Tokenize(text, e => error = e))
        {
            if (!token.IsSignificant)
            {
                continue;
            }

            if (token.Kind == SqliteTokenKind.Semicolon && !InsideTriggerBody(text, significant))
            {
                Add(text, significant, statements, ref lines);
                significant.Clear();
                continue;
            }

            significant.Add(token);
        }

        if (error is null)
        {
            Add(text, significant, statements, ref lines);
        }

        return new SqlScript(statements, error);
    }

    // A trigger's body is open from its BEGIN until the END that closes it (CASE ... END nests inside).
    private static bool InsideTriggerBody(string text, List<SqliteToken> tokens)
    {
        if (!IsCreateTrigger(text, tokens))
        {
            return false;
        }

        var depth = 0;
        var opened = false;
        foreach (var token in tokens)
        {
            if (token.IsWord(text, "BEGIN") || (opened && token.IsWord(text, "CASE")))
            {
                opened = true;
                depth++;
            }
            else if (opened && token.IsWord(text, "END"))
            {
                depth--;
            }
        }

        return !opened || depth > 0;
    }

    // CREATE [TEMP | TEMPORARY] TRIGGER
    private static bool IsCreateTrigger(string text, List<SqliteToken> tokens)
    {
        if (tokens.Count < 2 || !tokens[0].IsWord(text, "CREATE"))
        {
            return false;
        }

        var next = tokens[1].IsWord(text, "TEMP") || tokens[1].IsWord(text, "TEMPORARY") ? 2 : 1;
        return tokens.Count > next && tokens[next].IsWord(text, "TRIGGER");
    }

    private static void Add(string text, List<SqliteToken> tokens, List<SqlStatement> statements, ref LineCounter lines)
    {
        if (tokens.Count == 0)
        {
            return;
        }

        var start = tokens[0].Offset;
        var end = tokens[^1].Offset + tokens[^1].Length;
        var (line, column) = lines.MoveTo(start);
        statements.Add(new SqlStatement(statements.Count, text[start..end], start, line, column));
    }
}
