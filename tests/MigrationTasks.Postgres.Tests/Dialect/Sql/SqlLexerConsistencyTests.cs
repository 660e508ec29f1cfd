using System.Text;
using MigrationTasks.Sql;

namespace MigrationTasks.Postgres.Tests.Dialect.Sql;

/// <summary>Checks invariants over many generated scripts, against a deliberately naive line counter.</summary>
public class SqlLexerConsistencyTests
{
    private static readonly string[] Fragments =
    [
        "SELECT", " ", "\n", "\r\n", "\r", "\t", ";", "'a;\r\nb'", "E'x\\'\ny'", "U&'\\0041'", "\"id\r\n\"\"x\"", "$$a;\rb$$",
        "$t$ $$ ; \n $t$", "$1", "foo$bar", "-- c; 'x", "/* a /* b\r\n */ c */", "1.5e3", ".5", "0x1F", "+", "->>", "::", "(", ")",
        " CREATE FUNCTION f() BEGIN ATOMIC SELECT 1; END ", "größe", "😀", "a long identifier without line breaks in it at all",
    ];

    private static (int Line, int Column) NaiveLocate(string text, int offset)
    {
        int line = 1, lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                line++;
                lineStart = i + 1;
            }
            else if (text[i] == '\r')
            {
                lineStart = i + 2;
            }
        }

        return (line, offset - Math.Min(lineStart, offset) + 1);
    }

    private static IEnumerable<string> GeneratedScripts()
    {
        var random = new Random(20260126);
        for (var n = 0; n < 300; n++)
        {
            var builder = new StringBuilder();
            for (var i = random.Next(1, 40); i > 0; i--)
            {
                builder.Append(Fragments[random.Next(Fragments.Length)]);
            }

            yield return builder.ToString();
        }
    }

    [Test]
    public void GivenGeneratedScripts_WhenTokenized_ThenTokensAreContiguousAndCoverTheScript()
    {
        foreach (var sql in GeneratedScripts())
        {
            var tokens = SqlLexer.Tokenize(sql, out var error);
            var end = tokens.Count == 0 ? 0 : tokens[^1].End;

            Assert.That(tokens.Zip(tokens.Skip(1)).All(p => p.First.End == p.Second.Offset), Is.True, sql);
            Assert.That(end, Is.EqualTo(error?.Offset ?? sql.Length), sql);
        }
    }

    [Test]
    public void GivenGeneratedScripts_WhenTokenized_ThenEveryTokenPositionMatchesANaiveLineCount()
    {
        foreach (var sql in GeneratedScripts())
        {
            foreach (var token in SqlLexer.Tokenize(sql))
            {
                Assert.That((token.Line, token.Column), Is.EqualTo(NaiveLocate(sql, token.Offset)), sql);
            }
        }
    }

    [Test]
    public void GivenGeneratedScripts_WhenSplit_ThenEveryStatementIsAnExactSliceAtItsPosition()
    {
        foreach (var sql in GeneratedScripts())
        {
            foreach (var statement in SqlSplitter.Split(sql).Statements)
            {
                Assert.That(sql.Substring(statement.Offset, statement.Text.Length), Is.EqualTo(statement.Text), sql);
                Assert.That((statement.Line, statement.Column), Is.EqualTo(NaiveLocate(sql, statement.Offset)), sql);
                Assert.That(statement.Text, Does.Not.EndWith(";").And.Not.StartWith(" "), sql);
            }
        }
    }
}
