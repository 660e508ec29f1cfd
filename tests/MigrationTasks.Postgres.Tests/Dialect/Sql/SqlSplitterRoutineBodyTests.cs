using MigrationTasks.Sql;

namespace MigrationTasks.Postgres.Tests.Dialect.Sql;

public class SqlSplitterRoutineBodyTests
{
    private static string[] Texts(string sql) => SqlSplitter.Split(sql).Statements.Select(s => s.Text).ToArray();

    [Test]
    public void GivenABeginAtomicFunctionBody_WhenSplit_ThenItsSemicolonsStayInTheStatement()
    {
        const string function = """
            CREATE FUNCTION add_one(a int) RETURNS int LANGUAGE sql
            BEGIN ATOMIC
              SELECT a + 1;
            END
            """;

        Assert.That(Texts(function + ";\nSELECT add_one(1);"), Is.EqualTo(new[] { function, "SELECT add_one(1)" }));
    }

    [Test]
    public void GivenCaseExpressionsInsideABeginAtomicBody_WhenSplit_ThenTheirEndDoesNotCloseTheBody()
    {
        const string procedure = """
            CREATE OR REPLACE PROCEDURE grade(score int)
            LANGUAGE sql
            BEGIN ATOMIC
              INSERT INTO grades VALUES (CASE WHEN score > 90 THEN 'A' ELSE 'B' END);
              SELECT CASE score WHEN 1 THEN CASE WHEN true THEN 1 END ELSE 2 END;
              UPDATE stats SET n = n + 1;
            END
            """;

        Assert.That(Texts(procedure + ";\nCALL grade(95);"), Is.EqualTo(new[] { procedure, "CALL grade(95)" }));
    }

    [Test]
    public void GivenACommentBetweenBeginAndAtomic_WhenSplit_ThenTheBodyIsStillRecognized()
    {
        const string function = "create or replace function f() returns int begin /* why */ -- note\n atomic select 1; end";

        Assert.That(Texts(function + "; select 2"), Is.EqualTo(new[] { function, "select 2" }));
    }

    [Test]
    public void GivenTextAfterTheBodyEnd_WhenSplit_ThenTheStatementEndsAtTheNextSemicolon()
    {
        Assert.That(Texts("CREATE FUNCTION f() RETURNS int BEGIN ATOMIC SELECT 1; END ; SELECT 2"),
            Is.EqualTo(new[] { "CREATE FUNCTION f() RETURNS int BEGIN ATOMIC SELECT 1; END", "SELECT 2" }));
    }

    [Test]
    public void GivenBeginAtomicOutsideACreateRoutine_WhenSplit_ThenSemicolonsSplitAsUsual()
    {
        Assert.That(Texts("SELECT begin atomic; SELECT 1; END;"),
            Is.EqualTo(new[] { "SELECT begin atomic", "SELECT 1", "END" }));
    }

    [Test]
    public void GivenAFunctionWithAReturnClauseAndNoBody_WhenSplit_ThenItEndsAtItsSemicolon()
    {
        Assert.That(Texts("CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql RETURN a + 1; SELECT f(1)"),
            Is.EqualTo(new[] { "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql RETURN a + 1", "SELECT f(1)" }));
    }

    [Test]
    public void GivenAParameterNamedBegin_WhenSplit_ThenItDoesNotOpenABody()
    {
        Assert.That(Texts("CREATE FUNCTION f(begin int, atomic int) RETURNS int RETURN 1; SELECT 2"),
            Is.EqualTo(new[] { "CREATE FUNCTION f(begin int, atomic int) RETURNS int RETURN 1", "SELECT 2" }));
    }

    [Test]
    public void GivenTwoBeginAtomicFunctions_WhenSplit_ThenTheSecondIsTrackedAfresh()
    {
        Assert.That(Texts("CREATE FUNCTION a() RETURNS int BEGIN ATOMIC SELECT 1; END;CREATE PROCEDURE b() BEGIN ATOMIC SELECT 2; SELECT 3; END;"),
            Is.EqualTo(new[] { "CREATE FUNCTION a() RETURNS int BEGIN ATOMIC SELECT 1; END", "CREATE PROCEDURE b() BEGIN ATOMIC SELECT 2; SELECT 3; END" }));
    }
}
