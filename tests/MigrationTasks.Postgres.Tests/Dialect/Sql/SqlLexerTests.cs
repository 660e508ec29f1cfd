using MigrationTasks.Sql;

namespace MigrationTasks.Postgres.Tests.Dialect.Sql;

public class SqlLexerTests
{
    private static (SqlTokenKind Kind, string Text)[] Significant(string sql) =>
        SqlLexer.Tokenize(sql).Where(t => t.Kind != SqlTokenKind.Whitespace).Select(t => (t.Kind, t.GetText(sql))).ToArray();

    private static (SqlTokenKind Kind, string Text) Single(string sql)
    {
        var tokens = Significant(sql);
        Assert.That(tokens, Has.Length.EqualTo(1), "tokens of " + sql);
        return tokens[0];
    }

    [TestCase("'a;b'")]
    [TestCase("'-- not a comment'")]
    [TestCase("'/* not a comment'")]
    [TestCase("'it''s'")]
    [TestCase("'$$ not a quote $$'")]
    [TestCase("'back\\slash'")]
    [TestCase("'line\nbreak'")]
    public void GivenAStandardString_WhenTokenized_ThenItIsOneStringToken(string sql)
    {
        Assert.That(Single(sql), Is.EqualTo((SqlTokenKind.String, sql)));
    }

    [Test]
    public void GivenStandardConformingStrings_WhenABackslashPrecedesTheQuote_ThenTheQuoteStillClosesTheString()
    {
        Assert.That(Significant(@"'a\' ; 'b'"), Is.EqualTo(new[]
        {
            (SqlTokenKind.String, @"'a\'"),
            (SqlTokenKind.Semicolon, ";"),
            (SqlTokenKind.String, "'b'"),
        }));
    }

    [TestCase(@"E'\''")]
    [TestCase(@"e'a\\'")]
    [TestCase(@"E'it''s; \' -- /* $$'")]
    [TestCase(@"E'\\\''")]
    public void GivenAnEscapeString_WhenTokenized_ThenBackslashAndDoubledQuotesAreEscapes(string sql)
    {
        Assert.That(Single(sql), Is.EqualTo((SqlTokenKind.String, sql)));
    }

    [TestCase(@"U&'\0041;'")]
    [TestCase(@"u&'d\0061t\+000061'")]
    [TestCase("B'1010'")]
    [TestCase("b'1'")]
    [TestCase("X'1F'")]
    [TestCase("x'ff'")]
    [TestCase("N'national; text'")]
    public void GivenAPrefixedString_WhenTokenized_ThenPrefixAndBodyAreOneStringToken(string sql)
    {
        Assert.That(Single(sql), Is.EqualTo((SqlTokenKind.String, sql)));
    }

    [Test]
    public void GivenAUnicodeString_WhenABackslashPrecedesAQuote_ThenTheQuoteClosesIt()
    {
        // Only E'' strings escape quotes with a backslash; U&'' uses it for code points only.
        Assert.That(Significant(@"U&'\' x"), Is.EqualTo(new[] { (SqlTokenKind.String, @"U&'\'"), (SqlTokenKind.Word, "x") }));
    }

    [TestCase("\"a;b\"")]
    [TestCase("\"say \"\"hi\"\" -- /* '\"")]
    [TestCase("U&\"d\\0061t\"")]
    public void GivenAQuotedIdentifier_WhenTokenized_ThenItIsOneQuotedIdentifierToken(string sql)
    {
        Assert.That(Single(sql), Is.EqualTo((SqlTokenKind.QuotedIdentifier, sql)));
    }

    [TestCase("$$a; 'b' -- c /* d$$")]
    [TestCase("$body$ select 1; $$ not the end $$ $body$")]
    [TestCase("$a$ outer $b$ inner; $b$ outer again; $a$")]
    [TestCase("$_tag1$x$_tag1$")]
    [TestCase("$é$ non-ASCII tag $é$")]
    [TestCase("$$$$")]
    public void GivenADollarQuotedString_WhenTokenized_ThenItRunsToTheSameDelimiter(string sql)
    {
        Assert.That(Single(sql), Is.EqualTo((SqlTokenKind.DollarString, sql)));
    }

    [Test]
    public void GivenDollarTags_WhenTheyDifferInCase_ThenTheyDoNotCloseEachOther()
    {
        Assert.That(Single("$Tag$ $tag$ $TAG$ $Tag$"), Is.EqualTo((SqlTokenKind.DollarString, "$Tag$ $tag$ $TAG$ $Tag$")));
    }

    [Test]
    public void GivenPositionalParameters_WhenTokenized_ThenTheyAreParametersNotDollarQuotes()
    {
        Assert.That(Significant("$1 + $23"), Is.EqualTo(new[]
        {
            (SqlTokenKind.Parameter, "$1"),
            (SqlTokenKind.Operator, "+"),
            (SqlTokenKind.Parameter, "$23"),
        }));
    }

    [Test]
    public void GivenADollarInsideAnIdentifier_WhenTokenized_ThenItIsPartOfTheWord()
    {
        Assert.That(Significant("foo$bar, a$$b"), Is.EqualTo(new[]
        {
            (SqlTokenKind.Word, "foo$bar"),
            (SqlTokenKind.Punctuation, ","),
            (SqlTokenKind.Word, "a$$b"),
        }));
    }

    [Test]
    public void GivenNonAsciiLetters_WhenTokenized_ThenTheyFormWords()
    {
        Assert.That(Significant("größe_ä1"), Is.EqualTo(new[] { (SqlTokenKind.Word, "größe_ä1") }));
    }

    [Test]
    public void GivenALineComment_WhenTokenized_ThenItEndsBeforeTheLineBreak()
    {
        var tokens = SqlLexer.Tokenize("-- a; 'b\r\nx").ToArray();

        Assert.That(tokens.Select(t => t.Kind), Is.EqualTo(new[] { SqlTokenKind.LineComment, SqlTokenKind.Whitespace, SqlTokenKind.Word }));
        Assert.That(tokens[0].Length, Is.EqualTo(8));
    }

    [Test]
    public void GivenNestedBlockComments_WhenTokenized_ThenTheCommentEndsAtTheMatchingClose()
    {
        const string sql = "/* a /* b; */ still comment ' */ x";

        Assert.That(Significant(sql), Is.EqualTo(new[]
        {
            (SqlTokenKind.BlockComment, "/* a /* b; */ still comment ' */"),
            (SqlTokenKind.Word, "x"),
        }));
    }

    [TestCase("/**/")]
    [TestCase("/*/ */")]
    [TestCase("/***/")]
    public void GivenTrickyBlockCommentDelimiters_WhenTokenized_ThenTheyMatchPostgreSql(string sql)
    {
        Assert.That(Single(sql), Is.EqualTo((SqlTokenKind.BlockComment, sql)));
    }

    [TestCase("42")]
    [TestCase("1.5")]
    [TestCase("1.5e10")]
    [TestCase("1.5E-3")]
    [TestCase("2e+7")]
    [TestCase(".5")]
    [TestCase("5.")]
    [TestCase("0x1F")]
    [TestCase("0o17")]
    [TestCase("0b1010")]
    [TestCase("1_000_000")]
    [TestCase("0x_FF_FF")]
    public void GivenANumericConstant_WhenTokenized_ThenItIsOneNumberToken(string sql)
    {
        Assert.That(Single(sql), Is.EqualTo((SqlTokenKind.Number, sql)));
    }

    [Test]
    public void GivenAnIntegerRange_WhenTokenized_ThenTheDotsAreNotPartOfTheNumber()
    {
        Assert.That(Significant("1..10"), Is.EqualTo(new[]
        {
            (SqlTokenKind.Number, "1"),
            (SqlTokenKind.Punctuation, ".."),
            (SqlTokenKind.Number, "10"),
        }));
    }

    [Test]
    public void GivenAnOperatorFollowedByAComment_WhenTokenized_ThenTheCommentIsSplitOff()
    {
        Assert.That(Significant("a +-- c\n*/* d */b"), Is.EqualTo(new[]
        {
            (SqlTokenKind.Word, "a"),
            (SqlTokenKind.Operator, "+"),
            (SqlTokenKind.LineComment, "-- c"),
            (SqlTokenKind.Operator, "*"),
            (SqlTokenKind.BlockComment, "/* d */"),
            (SqlTokenKind.Word, "b"),
        }));
    }

    [Test]
    public void GivenAMathOperatorEndingInMinus_WhenTokenized_ThenTheMinusStartsTheNextToken()
    {
        Assert.That(Significant("a=-1 b @- c"), Is.EqualTo(new[]
        {
            (SqlTokenKind.Word, "a"),
            (SqlTokenKind.Operator, "="),
            (SqlTokenKind.Operator, "-"),
            (SqlTokenKind.Number, "1"),
            (SqlTokenKind.Word, "b"),
            (SqlTokenKind.Operator, "@-"),
            (SqlTokenKind.Word, "c"),
        }));
    }

    [Test]
    public void GivenCastsAndPunctuation_WhenTokenized_ThenEachIsItsOwnToken()
    {
        Assert.That(Significant("f(a[1], x::int, y := 2);"), Is.EqualTo(new[]
        {
            (SqlTokenKind.Word, "f"),
            (SqlTokenKind.Punctuation, "("),
            (SqlTokenKind.Word, "a"),
            (SqlTokenKind.Punctuation, "["),
            (SqlTokenKind.Number, "1"),
            (SqlTokenKind.Punctuation, "]"),
            (SqlTokenKind.Punctuation, ","),
            (SqlTokenKind.Word, "x"),
            (SqlTokenKind.Punctuation, "::"),
            (SqlTokenKind.Word, "int"),
            (SqlTokenKind.Punctuation, ","),
            (SqlTokenKind.Word, "y"),
            (SqlTokenKind.Operator, ":="),
            (SqlTokenKind.Number, "2"),
            (SqlTokenKind.Punctuation, ")"),
            (SqlTokenKind.Semicolon, ";"),
        }));
    }

    [Test]
    public void GivenAnyScript_WhenTokenized_ThenTheTokensCoverEveryCharacterInOrder()
    {
        const string sql = "SELECT E'x\\'y', $t$a$t$, \"q\" /* c */ -- d\r\n FROM t WHERE a >= $1;";

        var tokens = SqlLexer.Tokenize(sql).ToArray();

        Assert.That(string.Concat(tokens.Select(t => t.GetText(sql))), Is.EqualTo(sql));
        Assert.That(tokens.Zip(tokens.Skip(1)).All(p => p.First.End == p.Second.Offset), Is.True);
    }

    [Test]
    public void GivenALeadingByteOrderMark_WhenTokenized_ThenItIsWhitespace()
    {
        Assert.That(Significant("\uFEFFSELECT 1"), Is.EqualTo(new[] { (SqlTokenKind.Word, "SELECT"), (SqlTokenKind.Number, "1") }));
    }

    [Test]
    public void GivenAnUnterminatedString_WhenTokenizedWithError_ThenTokensBeforeItAndTheErrorAreReturned()
    {
        var tokens = SqlLexer.Tokenize("SELECT 'abc", out var error);

        Assert.That(tokens.Select(t => t.Kind), Is.EqualTo(new[] { SqlTokenKind.Word, SqlTokenKind.Whitespace }));
        Assert.That(error, Is.Not.Null);
        Assert.That(error!.Offset, Is.EqualTo(7));
    }

    [Test]
    public void GivenTokensOnSeveralLines_WhenTokenized_ThenEachCarriesItsLineAndColumn()
    {
        var tokens = SqlLexer.Tokenize("a\n  b 'x\ny' c").Where(t => t.IsSignificant).ToArray();

        Assert.That(tokens.Select(t => (t.Line, t.Column)), Is.EqualTo(new[] { (1, 1), (2, 3), (2, 5), (3, 4) }));
    }

    [Test]
    public void GivenATokenReader_WhenReadToAnUnterminatedConstruct_ThenReadReturnsFalseAndErrorDescribesIt()
    {
        var reader = new SqlTokenReader("x /* open");
        var kinds = new List<SqlTokenKind>();
        while (reader.Read(out var token))
        {
            kinds.Add(token.Kind);
        }

        Assert.That(kinds, Is.EqualTo(new[] { SqlTokenKind.Word, SqlTokenKind.Whitespace }));
        Assert.That(reader.Error, Is.Not.Null);
        Assert.That((reader.Error!.Code, reader.Error.Offset), Is.EqualTo(("MT1005", 2)));
        Assert.That(reader.Read(out _), Is.False);
    }

    [Test]
    public void GivenAnUnterminatedConstruct_WhenTokenizedLazily_ThenTheSequenceEndsBeforeIt()
    {
        Assert.That(SqlLexer.Tokenize("a \"b").Select(t => t.Kind), Is.EqualTo(new[] { SqlTokenKind.Word, SqlTokenKind.Whitespace }));
    }

    [Test]
    public void GivenNull_WhenTokenized_ThenArgumentNullExceptionIsThrownAtOnce()
    {
        Assert.That(() => SqlLexer.Tokenize(null!), Throws.ArgumentNullException);
    }
}
