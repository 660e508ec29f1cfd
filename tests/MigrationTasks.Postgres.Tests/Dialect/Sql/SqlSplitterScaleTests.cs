using System.Text;
using MigrationTasks.Sql;

namespace MigrationTasks.Postgres.Tests.Dialect.Sql;

public class SqlSplitterScaleTests
{
    [Test]
    [CancelAfter(30_000)]
    public void GivenTenThousandStatements_WhenSplit_ThenAllAreReturnedInOrder()
    {
        // A generous timeout guards against quadratic behaviour without a flaky timing assert.
        var builder = new StringBuilder();
        for (var i = 0; i < 10_000; i++)
        {
            builder.Append("-- step ").Append(i).Append("\r\nINSERT INTO t VALUES (").Append(i).Append(", 'a;b', $$c;d$$);\r\n");
        }

        var statements = SqlSplitter.Split(builder.ToString()).Statements;

        Assert.That(statements, Has.Count.EqualTo(10_000));
        Assert.That(statements[9_999].Text, Is.EqualTo("INSERT INTO t VALUES (9999, 'a;b', $$c;d$$)"));
        Assert.That(statements[9_999].Line, Is.EqualTo(20_000));
    }
}
