using MigrationTasks.Sql;

namespace MigrationTasks.Core.Tests.Sql;

/// <summary>Core's line and column counting, the same for every dialect (the splitter's positions are tested with the dialect).</summary>
public class SqlPositionTests
{
    [TestCase(0, 1, 1)]
    [TestCase(3, 1, 4)]
    [TestCase(4, 2, 1)]
    [TestCase(5, 2, 2)]
    [TestCase(7, 3, 1)]
    [TestCase(8, 4, 1)]
    [TestCase(9, 4, 2)]
    public void GivenAnOffset_WhenLocated_ThenLineAndColumnFollowEveryLineBreakKind(int offset, int line, int column)
    {
        // "abc\n", "d\r\n", "\r", "e"
        Assert.That(SqlPosition.Locate("abc\nd\r\n\re", offset), Is.EqualTo((line, column)));
    }

    [Test]
    public void GivenAnOffsetBetweenCrAndLf_WhenLocated_ThenItIsAtTheStartOfTheNextLine()
    {
        Assert.That(SqlPosition.Locate("a\r\nb", 2), Is.EqualTo((2, 1)));
    }
}
