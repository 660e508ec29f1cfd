using MigrationTasks.Sql;

namespace MigrationTasks.Postgres.Tests.Dialect.Sql;

public class SqlSplitterErrorTests
{
    private const string Before = "SELECT 1;\nSELECT 2;\n  SELECT ";

    [TestCase("'abc; SELECT 3;", "string literal")]
    [TestCase("'it''s", "string literal")]
    [TestCase("E'abc\\'", "escape string E'...'")]
    [TestCase("U&'\\0041", "Unicode string U&'...'")]
    [TestCase("B'101", "bit string B'...'")]
    [TestCase("X'1F", "hexadecimal bit string X'...'")]
    [TestCase("N'abc", "national character string N'...'")]
    [TestCase("\"col; SELECT 3", "quoted identifier")]
    [TestCase("U&\"col", "quoted identifier")]
    [TestCase("$$ body; $ $", "dollar-quoted string $$")]
    [TestCase("$body$ x; $$ $bod$", "dollar-quoted string $body$")]
    [TestCase("/* a /* nested */ still open", "block comment")]
    public void GivenAnUnterminatedConstruct_WhenSplit_ThenTheErrorPointsAtWhereItStarts(string open, string construct)
    {
        var script = SqlSplitter.Split(Before + open);

        Assert.That(script.Error, Is.Not.Null);
        Assert.That(script.Error!.Code, Is.EqualTo("MT1005"));
        Assert.That(script.Error.Message, Does.StartWith("Unterminated " + construct + " starting here"));
        Assert.That((script.Error.Offset, script.Error.Line, script.Error.Column), Is.EqualTo((Before.Length, 3, 10)));
    }

    [Test]
    public void GivenAnUnterminatedConstruct_WhenSplit_ThenTheStatementsBeforeItAreReturned()
    {
        var script = SqlSplitter.Split(Before + "'open");

        Assert.That(script.Statements.Select(s => s.Text), Is.EqualTo(new[] { "SELECT 1", "SELECT 2" }));
    }

    [Test]
    public void GivenAnUnterminatedDollarString_WhenSplit_ThenTheMessageSaysHowToCloseIt()
    {
        var error = SqlSplitter.Split("DO $body$ BEGIN NULL; END $bdy$;").Error;

        Assert.That(error!.Message, Is.EqualTo("Unterminated dollar-quoted string $body$ starting here: close it with $body$."));
    }

    [Test]
    public void GivenAnUnterminatedBlockCommentInCrlfScript_WhenSplit_ThenLineAndColumnAreOfItsStart()
    {
        var error = SqlSplitter.Split("SELECT 1;\r\n\r\n   /* x\r\n").Error;

        Assert.That((error!.Line, error.Column), Is.EqualTo((3, 4)));
    }

    [Test]
    public void GivenAnEscapeStringEndingInABackslash_WhenSplit_ThenItIsUnterminated()
    {
        var error = SqlSplitter.Split("SELECT E'abc\\").Error;

        Assert.That((error!.Line, error.Column), Is.EqualTo((1, 8)));
    }

    [Test]
    public void GivenACommentMarkerInsideAString_WhenTheStringIsUnterminated_ThenTheStringIsReported()
    {
        var error = SqlSplitter.Split("SELECT '/* not a comment").Error;

        Assert.That(error!.Message, Does.StartWith("Unterminated string literal"));
    }
}
