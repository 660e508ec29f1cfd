using MigrationTasks.Sql;

namespace MigrationTasks.Postgres.Tests.Dialect.Sql;

/// <summary>Where PostgreSQL's splitter places statements, and where a server's error position lands in the script.</summary>
public class SqlSplitterPositionTests
{
    private static (int Line, int Column)[] StatementPositions(string sql) =>
        SqlSplitter.Split(sql).Statements.Select(s => (s.Line, s.Column)).ToArray();

    [Test]
    public void GivenLfLineBreaks_WhenSplit_ThenStatementsCarryLineAndColumnOfTheirFirstToken()
    {
        Assert.That(StatementPositions("SELECT 1;\n\n  SELECT 2; SELECT 3;"), Is.EqualTo(new[] { (1, 1), (3, 3), (3, 13) }));
    }

    [Test]
    public void GivenCrlfLineBreaks_WhenSplit_ThenEachCrlfCountsAsOneLine()
    {
        Assert.That(StatementPositions("SELECT 1;\r\n\r\n  SELECT 2;\r\nSELECT 3;"), Is.EqualTo(new[] { (1, 1), (3, 3), (4, 1) }));
    }

    [Test]
    public void GivenLoneCrLineBreaks_WhenSplit_ThenEachCrEndsALine()
    {
        Assert.That(StatementPositions("SELECT 1;\r\r  SELECT 2;\rSELECT 3;"), Is.EqualTo(new[] { (1, 1), (3, 3), (4, 1) }));
    }

    [Test]
    public void GivenMixedLineBreaks_WhenSplit_ThenEveryKindEndsOneLine()
    {
        Assert.That(StatementPositions("a;\nb;\r\nc;\rd;\n\re;"), Is.EqualTo(new[] { (1, 1), (2, 1), (3, 1), (4, 1), (6, 1) }));
    }

    [Test]
    public void GivenMultiLineLiteralsAndComments_WhenSplit_ThenLaterStatementsKeepExactPositions()
    {
        const string sql = "SELECT 'a\nb\r\nc';\n/* x\n y */ SELECT $$\n\n$$; SELECT \"q\nr\";\r\n -- c\n\tSELECT 4";

        Assert.That(StatementPositions(sql), Is.EqualTo(new[] { (1, 1), (5, 7), (7, 5), (10, 2) }));
    }

    [Test]
    public void GivenAStatement_WhenSplit_ThenItsOffsetPointsAtItsTextInTheScript()
    {
        const string sql = "-- c\nSELECT 1;\n  SELECT\n 2  ;";

        foreach (var statement in SqlSplitter.Split(sql).Statements)
        {
            Assert.That(sql.Substring(statement.Offset, statement.Text.Length), Is.EqualTo(statement.Text));
        }
    }

    [Test]
    public void GivenAServerErrorPositionInASingleLineStatement_WhenLocatedInScript_ThenColumnIsShiftedByTheStatementStart()
    {
        var statement = SqlSplitter.Split("SELECT 1;\n   SELECT * FRM t;").Statements[1];

        // PostgreSQL: syntax error at or near "FRM", Position 10 within the statement text.
        Assert.That(statement.LocateInScript(10), Is.EqualTo((2, 13)));
        Assert.That(statement.ToScriptOffset(10), Is.EqualTo(22));
    }

    [Test]
    public void GivenAServerErrorPositionOnALaterLineOfAStatement_WhenLocatedInScript_ThenLineAndColumnAreOfThatLine()
    {
        const string sql = "-- header\r\nSELECT 1;\r\n  UPDATE t\r\n  SET x = 'a\r\nb',\r\n      y = nope\r\n  WHERE id = 1;";
        var statement = SqlSplitter.Split(sql).Statements[1];
        var position = statement.Text.IndexOf("nope", StringComparison.Ordinal) + 1;

        Assert.That(statement.LocateInScript(position), Is.EqualTo((6, 11)));
    }

    [Test]
    public void GivenCharactersOutsideTheBasicPlane_WhenLocatedInScript_ThenTheServerCountsEachAsOneCharacter()
    {
        // The server counts code points; "😀" is two UTF-16 units but one character to it.
        var statement = SqlSplitter.Split("SELECT '😀', nope").Statements[0];

        Assert.That(statement.LocateInScript(13), Is.EqualTo((1, 14)));
    }

    [Test]
    public void GivenAPositionAtEndOfInput_WhenLocatedInScript_ThenItIsJustAfterTheStatementText()
    {
        var statement = SqlSplitter.Split("SELECT (1;").Statements[0];

        Assert.That(statement.LocateInScript(10), Is.EqualTo((1, 10)));
    }
}
