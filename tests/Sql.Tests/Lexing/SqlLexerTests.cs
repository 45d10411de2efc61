using Warden.Sql.Lexing;

namespace Warden.Sql.Tests.Lexing;

public sealed class SqlLexerTests
{
    private static (SqlTokenKind Kind, string Text)[] Significant(string sql, bool standardConformingStrings = true) =>
        SqlLexer.Tokenize(sql, standardConformingStrings).Where(t => !t.IsTrivia).Select(t => (t.Kind, sql.Substring(t.Start, t.Length))).ToArray();

    private static (SqlTokenKind Kind, string Text) Single(string sql, bool standardConformingStrings = true)
    {
        var tokens = Significant(sql, standardConformingStrings);
        Assert.True(tokens.Length == 1, $"expected one token in <{sql}>, got: {string.Join(" | ", tokens)}");
        return tokens[0];
    }

    [Fact]
    public void Tokenize_EveryToken_CoversTextWithoutGapsOrOverlaps()
    {
        const string sql = "SELECT/* c */a.\"b\"+$1::int, E'x\\'y', $$z$$ -- end\n;";
        var position = 0;
        foreach (var token in SqlLexer.Tokenize(sql))
        {
            Assert.Equal(position, token.Start);
            position = token.End;
        }
        Assert.Equal(sql.Length, position);
    }

    [Theory]
    [InlineData("  \t\r\n\f ")]
    public void Tokenize_Whitespace_IsOneWhitespaceToken(string sql)
    {
        var tokens = SqlLexer.Tokenize(sql);
        Assert.Equal(SqlTokenKind.Whitespace, Assert.Single(tokens).Kind);
    }

    [Fact]
    public void Tokenize_VerticalTab_IsNotWhitespace()
    {
        Assert.Equal(SqlTokenKind.Other, Single("\v").Kind);
    }

    [Theory]
    [InlineData("-- comment", nameof(SqlTokenKind.LineComment))]
    [InlineData("/* comment */", nameof(SqlTokenKind.BlockComment))]
    [InlineData("/* outer /* inner */ still outer */", nameof(SqlTokenKind.BlockComment))]
    [InlineData("/**/", nameof(SqlTokenKind.BlockComment))]
    public void Tokenize_Comment_IsOneCommentToken(string sql, string kindName)
    {
        var kind = Enum.Parse<SqlTokenKind>(kindName);
        var token = Assert.Single(SqlLexer.Tokenize(sql));
        Assert.Equal(kind, token.Kind);
        Assert.Equal(sql.Length, token.Length);
        Assert.Equal(SqlTokenFlags.None, token.Flags);
    }

    [Fact]
    public void Tokenize_LineComment_StopsBeforeNewline()
    {
        var tokens = SqlLexer.Tokenize("-- a; DROP TABLE t\nSELECT");
        Assert.Equal([SqlTokenKind.LineComment, SqlTokenKind.Whitespace, SqlTokenKind.Word], tokens.Select(t => t.Kind));
    }

    [Theory]
    [InlineData("/* never closed")]
    [InlineData("/* a /* b */ only inner closed")]
    [InlineData("'never closed")]
    [InlineData("E'escaped quote \\'")]
    [InlineData("\"never closed")]
    [InlineData("$tag$ never closed $tag")]
    [InlineData("$$ never closed")]
    [InlineData("U&\"never closed")]
    [InlineData("B'0101")]
    public void Tokenize_UnterminatedToken_IsFlaggedAndRunsToEnd(string sql)
    {
        var token = SqlLexer.Tokenize(sql).Last();
        Assert.Equal(SqlTokenFlags.Unterminated, token.Flags);
        Assert.Equal(sql.Length, token.End);
    }

    [Theory]
    [InlineData("select", "select")]
    [InlineData("SeLeCt", "SeLeCt")]
    [InlineData("_x1$", "_x1$")]
    [InlineData("café", "café")]
    [InlineData("a\u00a0b", "a\u00a0b")]
    public void Tokenize_UnquotedIdentifier_IsOneWord(string sql, string expected)
    {
        Assert.Equal((SqlTokenKind.Word, expected), Single(sql));
    }

    [Theory]
    [InlineData("\"DELETE\"", nameof(SqlTokenKind.QuotedIdentifier))]
    [InlineData("\"a\"\"b\"", nameof(SqlTokenKind.QuotedIdentifier))]
    [InlineData("\"semi;colon\"", nameof(SqlTokenKind.QuotedIdentifier))]
    [InlineData("U&\"d\\0061t\\+000061\"", nameof(SqlTokenKind.UnicodeQuotedIdentifier))]
    [InlineData("u&\"x\"", nameof(SqlTokenKind.UnicodeQuotedIdentifier))]
    public void Tokenize_QuotedIdentifier_IsOneToken(string sql, string kindName)
    {
        var kind = Enum.Parse<SqlTokenKind>(kindName);
        Assert.Equal((kind, sql), Single(sql));
    }

    [Fact]
    public void Tokenize_EmptyQuotedIdentifier_IsMalformed()
    {
        Assert.Equal(SqlTokenFlags.Malformed, Assert.Single(SqlLexer.Tokenize("\"\"")).Flags);
    }

    [Theory]
    [InlineData("'it''s'", nameof(SqlTokenKind.String))]
    [InlineData("'back\\slash'", nameof(SqlTokenKind.String))]
    [InlineData("E'it\\'s'", nameof(SqlTokenKind.EscapeString))]
    [InlineData("e'\\\\'", nameof(SqlTokenKind.EscapeString))]
    [InlineData("B'0101'", nameof(SqlTokenKind.BitString))]
    [InlineData("X'1F'", nameof(SqlTokenKind.HexString))]
    [InlineData("U&'d\\0061t'", nameof(SqlTokenKind.UnicodeString))]
    [InlineData("N'national'", nameof(SqlTokenKind.NationalString))]
    [InlineData("$$a 'quoted' ; body$$", nameof(SqlTokenKind.DollarString))]
    [InlineData("$fn$ $$ inner $$ $fn$", nameof(SqlTokenKind.DollarString))]
    [InlineData("$_x9$body$_x9$", nameof(SqlTokenKind.DollarString))]
    public void Tokenize_StringConstant_IsOneToken(string sql, string kindName)
    {
        var kind = Enum.Parse<SqlTokenKind>(kindName);
        Assert.Equal((kind, sql), Single(sql));
    }

    [Fact]
    public void Tokenize_BackslashQuoteWithStandardConformingStrings_EndsString()
    {
        var tokens = Significant("'a\\'; DELETE FROM t; --'");
        Assert.Equal((SqlTokenKind.String, "'a\\'"), tokens[0]);
        Assert.Contains((SqlTokenKind.Word, "DELETE"), tokens);
    }

    [Fact]
    public void Tokenize_BackslashQuoteWithoutStandardConformingStrings_ContinuesString()
    {
        var token = Single("'a\\'; DELETE FROM t; --'", standardConformingStrings: false);
        Assert.Equal(SqlTokenKind.String, token.Kind);
    }

    [Fact]
    public void Tokenize_UnicodeStringWithoutStandardConformingStrings_IsMalformed()
    {
        var token = Assert.Single(SqlLexer.Tokenize("U&'x'", standardConformingStrings: false));
        Assert.Equal(SqlTokenFlags.Malformed, token.Flags);
    }

    [Theory]
    [InlineData("'a'\n'b'")]
    [InlineData("'a'  \r\n  'b'")]
    [InlineData("'a' -- note\n'b'")]
    [InlineData("'a'\n-- note\n'b'")]
    public void Tokenize_StringsSeparatedByNewline_AreOneContinuedString(string sql)
    {
        Assert.Equal((SqlTokenKind.String, sql), Single(sql));
    }

    [Theory]
    [InlineData("'a' 'b'")]
    [InlineData("'a' /* c */\n'b'")]
    public void Tokenize_StringsWithoutNewlineOrWithBlockComment_AreTwoStrings(string sql)
    {
        Assert.Equal(2, Significant(sql).Length);
    }

    [Fact]
    public void Tokenize_EscapeStringContinuation_KeepsBackslashEscapes()
    {
        // The continuation is scanned as part of the E'' string, so \' does not end it.
        var token = Single("E'a'\n'\\'; DELETE FROM t; --'");
        Assert.Equal(SqlTokenKind.EscapeString, token.Kind);
    }

    [Theory]
    [InlineData("$1", nameof(SqlTokenKind.Parameter))]
    [InlineData("$42", nameof(SqlTokenKind.Parameter))]
    [InlineData("$", nameof(SqlTokenKind.Other))]
    [InlineData("\\", nameof(SqlTokenKind.Other))]
    [InlineData("{", nameof(SqlTokenKind.Other))]
    public void Tokenize_DollarAndStrayCharacters_HaveTheirKind(string sql, string kindName)
    {
        var kind = Enum.Parse<SqlTokenKind>(kindName);
        Assert.Equal(kind, Significant(sql)[0].Kind);
    }

    [Fact]
    public void Tokenize_DollarAfterIdentifier_IsPartOfIdentifier()
    {
        Assert.Equal((SqlTokenKind.Word, "a$$b$$"), Single("a$$b$$"));
    }

    [Fact]
    public void Tokenize_DollarQuoteTags_AreCaseSensitive()
    {
        var token = Single("$A$ $a$ ; $A$");
        Assert.Equal(SqlTokenKind.DollarString, token.Kind);
    }

    [Theory]
    [InlineData("42")]
    [InlineData("3.5")]
    [InlineData(".001")]
    [InlineData("5.")]
    [InlineData("1e10")]
    [InlineData("1.925e-3")]
    [InlineData("0x1F")]
    [InlineData("0o17")]
    [InlineData("0b101")]
    [InlineData("1_000_000")]
    public void Tokenize_Number_IsOneNumber(string sql)
    {
        Assert.Equal((SqlTokenKind.Number, sql), Single(sql));
    }

    [Fact]
    public void Tokenize_IntegerDotDot_IsNumberThenPunctuation()
    {
        Assert.Equal([(SqlTokenKind.Number, "1"), (SqlTokenKind.Punctuation, ".."), (SqlTokenKind.Number, "2")], Significant("1..2"));
    }

    [Theory]
    [InlineData("a=-1", new[] { "=", "-" })]
    [InlineData("a<=>b", new[] { "<=>" })]
    [InlineData("a@-b", new[] { "@-" })]
    [InlineData("a+-- c\n1", new[] { "+" })]
    [InlineData("a*/* c */1", new[] { "*" })]
    [InlineData("a ->> 'k'", new[] { "->>" })]
    [InlineData("a!=b", new[] { "!=" })]
    public void Tokenize_Operators_FollowPostgresCuttingRules(string sql, string[] operators)
    {
        Assert.Equal(operators, Significant(sql).Where(t => t.Kind == SqlTokenKind.Operator).Select(t => t.Text));
    }

    [Theory]
    [InlineData("::")]
    [InlineData(":=")]
    [InlineData("..")]
    [InlineData(";")]
    [InlineData("[")]
    public void Tokenize_Punctuation_IsOneToken(string sql)
    {
        Assert.Equal((SqlTokenKind.Punctuation, sql), Single(sql));
    }

    [Fact]
    public void Tokenize_TokenOffsets_PointIntoText()
    {
        const string sql = "SELECT  x";
        var tokens = SqlLexer.Tokenize(sql).Where(t => !t.IsTrivia).ToArray();
        Assert.Equal(0, tokens[0].Start);
        Assert.Equal(8, tokens[1].Start);
    }

    [Fact]
    public void Tokenize_ArbitraryInput_NeverThrowsAndCoversText()
    {
        var random = new Random(1234);
        const string alphabet = "'\"$\\-/*;()Eeux&U0129 \n\t.:+=<>!@#%^|`?[]{}abc_é";
        for (var n = 0; n < 20000; n++)
        {
            var chars = new char[random.Next(0, 24)];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = alphabet[random.Next(alphabet.Length)];
            }
            var sql = new string(chars);
            var end = 0;
            foreach (var token in SqlLexer.Tokenize(sql, standardConformingStrings: n % 2 == 0))
            {
                Assert.Equal(end, token.Start);
                Assert.True(token.Length > 0, sql);
                end = token.End;
            }
            Assert.Equal(sql.Length, end);
        }
    }
}
