namespace MigrationTasks.Sql;

/// <summary>
/// Splits a script into the statements PostgreSQL would see, so that non-transactional
/// migrations can run one statement per round trip and errors can point at a line.
/// </summary>
public static class SqlSplitter
{
    /// <summary>
    /// Splits <paramref name="sql"/> at top-level semicolons. Statements made only of whitespace
    /// and comments are dropped; text after the last ';' is the last statement. At an unterminated
    /// construct, returns the statements before it and the error.
    /// </summary>
    public static SqlScript Split(string sql)
    {
        var reader = new SqlTokenReader(sql);
        var statements = new List<SqlStatement>();
        var current = default(StatementInProgress);

        while (reader.Read(out var token))
        {
            if (!token.IsSignificant)
            {
                continue;
            }

            if (token.Kind == SqlTokenKind.Semicolon && !current.Body.InBody)
            {
                current.AddTo(statements, sql);
                current = default;
                continue;
            }

            current.Accept(token, sql);
        }

        if (reader.Error is not null)
        {
            // The statement holding the open construct is incomplete; only what came before counts.
            return new SqlScript(statements, reader.Error);
        }

        current.AddTo(statements, sql);
        return new SqlScript(statements, null);
    }

    private struct StatementInProgress
    {
        private SqlToken _first;
        private int _end;
        private bool _started;

        public RoutineBodyTracker Body;

        public void Accept(SqlToken token, string sql)
        {
            if (!_started)
            {
                _first = token;
                _started = true;
            }

            _end = token.End;
            Body.Accept(token.Kind, token.AsSpan(sql));
        }

        public readonly void AddTo(List<SqlStatement> statements, string sql)
        {
            if (_started)
            {
                var text = sql.Substring(_first.Offset, _end - _first.Offset);
                statements.Add(new SqlStatement(statements.Count, text, _first.Offset, _first.Line, _first.Column));
            }
        }
    }
}
