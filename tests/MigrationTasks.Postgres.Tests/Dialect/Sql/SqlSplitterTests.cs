using MigrationTasks.Sql;

namespace MigrationTasks.Postgres.Tests.Dialect.Sql;

public class SqlSplitterTests
{
    private static string[] Texts(string sql)
    {
        var script = SqlSplitter.Split(sql);
        Assert.That(script.Error, Is.Null, "error of " + sql);
        return script.Statements.Select(s => s.Text).ToArray();
    }

    [Test]
    public void GivenTwoStatements_WhenSplit_ThenEachIsReturnedWithoutItsSemicolon()
    {
        Assert.That(Texts("CREATE TABLE a (id int);\nINSERT INTO a VALUES (1);\n"),
            Is.EqualTo(new[] { "CREATE TABLE a (id int)", "INSERT INTO a VALUES (1)" }));
    }

    [Test]
    public void GivenStatements_WhenSplit_ThenIndexesCountFromZero()
    {
        var statements = SqlSplitter.Split("SELECT 1;; ;SELECT 2;").Statements;

        Assert.That(statements.Select(s => s.Index), Is.EqualTo(new[] { 0, 1 }));
    }

    [Test]
    public void GivenATrailingStatementWithoutSemicolon_WhenSplit_ThenItIsTheLastStatement()
    {
        Assert.That(Texts("SELECT 1; SELECT 2"), Is.EqualTo(new[] { "SELECT 1", "SELECT 2" }));
    }

    [Test]
    public void GivenEmptyStatementsBetweenSemicolons_WhenSplit_ThenTheyAreNotEmitted()
    {
        Assert.That(Texts(";;BEGIN; ; /* nothing */ ;COMMIT;;"), Is.EqualTo(new[] { "BEGIN", "COMMIT" }));
    }

    [TestCase("")]
    [TestCase("   \n\t ")]
    [TestCase("-- only a comment")]
    [TestCase("-- migrate: no-transaction\n/* block\n /* nested */ */\n-- end\n")]
    [TestCase("; -- ;\n;")]
    public void GivenOnlyWhitespaceAndComments_WhenSplit_ThenThereAreNoStatements(string sql)
    {
        Assert.That(Texts(sql), Is.Empty);
    }

    [Test]
    public void GivenCommentsAroundAStatement_WhenSplit_ThenTextRunsFromFirstToLastTokenWithoutThem()
    {
        Assert.That(Texts("-- leading\n/* lead */ SELECT /* inner */ 1 -- trailing\n;"), Is.EqualTo(new[] { "SELECT /* inner */ 1" }));
    }

    [TestCase("SELECT 'a;b'", TestName = "string")]
    [TestCase("SELECT E'a\\';b'", TestName = "escape string")]
    [TestCase("SELECT U&'a;\\0041'", TestName = "Unicode string")]
    [TestCase("SELECT N'a;b'", TestName = "national string")]
    [TestCase("SELECT \"a;b\" FROM t", TestName = "quoted identifier")]
    [TestCase("SELECT $$a;b$$", TestName = "dollar string")]
    [TestCase("SELECT $x$a;$$;b$x$", TestName = "tagged dollar string")]
    [TestCase("SELECT 1 /* a; /* b; */ c; */ + 1", TestName = "nested block comment")]
    [TestCase("SELECT 1 -- a; b\n + 2", TestName = "line comment")]
    public void GivenASemicolonInsideALiteralOrComment_WhenSplit_ThenTheStatementIsNotSplit(string statement)
    {
        Assert.That(Texts(statement + ";SELECT 2;"), Is.EqualTo(new[] { statement, "SELECT 2" }));
    }

    [Test]
    public void GivenCommentStartsInsideLiterals_WhenSplit_ThenTheyDoNotHideTheSemicolon()
    {
        Assert.That(Texts("SELECT '--', \"/*\", $$--$$, E'/*';SELECT 2"),
            Is.EqualTo(new[] { "SELECT '--', \"/*\", $$--$$, E'/*'", "SELECT 2" }));
    }

    [Test]
    public void GivenQuotesInsideComments_WhenSplit_ThenTheyDoNotOpenStrings()
    {
        Assert.That(Texts("SELECT 1; -- it's $$\nSELECT 2 /* don't \" */ + 2;SELECT 3"),
            Is.EqualTo(new[] { "SELECT 1", "SELECT 2 /* don't \" */ + 2", "SELECT 3" }));
    }

    [Test]
    public void GivenADoBlockWithSemicolons_WhenSplit_ThenTheBlockIsOneStatement()
    {
        const string doBlock = """
            DO $$
            BEGIN
              IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'app') THEN
                CREATE ROLE app;
              END IF;
            END
            $$
            """;

        Assert.That(Texts(doBlock + ";\nSELECT 1;"), Is.EqualTo(new[] { doBlock, "SELECT 1" }));
    }

    [Test]
    public void GivenAPlpgsqlFunctionInDollarQuotes_WhenSplit_ThenTheFunctionIsOneStatement()
    {
        const string function = """
            CREATE OR REPLACE FUNCTION touch() RETURNS trigger AS $fn$
            DECLARE
              v text := 'x;y';
            BEGIN
              NEW.updated_at := now();
              RETURN NEW;
            END;
            $fn$ LANGUAGE plpgsql
            """;

        Assert.That(Texts(function + ";\nCREATE TRIGGER t BEFORE UPDATE ON a FOR EACH ROW EXECUTE FUNCTION touch();"),
            Is.EqualTo(new[] { function, "CREATE TRIGGER t BEFORE UPDATE ON a FOR EACH ROW EXECUTE FUNCTION touch()" }));
    }

    [Test]
    public void GivenNestedDollarTags_WhenSplit_ThenTheOuterTagDecidesTheEnd()
    {
        const string statement = "DO $outer$ BEGIN EXECUTE $inner$ SELECT 1; $inner$; END $outer$";

        Assert.That(Texts(statement + "; SELECT 2"), Is.EqualTo(new[] { statement, "SELECT 2" }));
    }

    [Test]
    public void GivenPositionalParametersAndDollarIdentifiers_WhenSplit_ThenNoDollarQuoteIsOpened()
    {
        Assert.That(Texts("PREPARE p AS SELECT $1, a$b FROM t$; SELECT 2;"),
            Is.EqualTo(new[] { "PREPARE p AS SELECT $1, a$b FROM t$", "SELECT 2" }));
    }

    [Test]
    public void GivenPlainBeginAndCommit_WhenSplit_ThenEachIsAnOrdinaryStatement()
    {
        Assert.That(Texts("BEGIN;\nCREATE TABLE a (id int);\nCOMMIT;;BEGIN TRANSACTION; END;"),
            Is.EqualTo(new[] { "BEGIN", "CREATE TABLE a (id int)", "COMMIT", "BEGIN TRANSACTION", "END" }));
    }
}
