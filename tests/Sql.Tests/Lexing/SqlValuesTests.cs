using Warden.Sql.Lexing;

namespace Warden.Sql.Tests.Lexing;

public sealed class SqlValuesTests
{
    private static string? NameOfFirst(string sql)
    {
        using var tokens = TokenList.Read(sql, standardConformingStrings: true);
        return SqlValues.Name(tokens, 0);
    }

    private static string? StringOfFirst(string sql, bool standardConformingStrings = true)
    {
        using var tokens = TokenList.Read(sql, standardConformingStrings);
        return SqlValues.String(tokens, 0, standardConformingStrings);
    }

    [Theory]
    [InlineData("SET_Config", "set_config")]
    [InlineData("\"SET_Config\"", "SET_Config")]
    [InlineData("\"a\"\"b\"", "a\"b")]
    [InlineData("U&\"set\\005fconfig\"", "set_config")]
    [InlineData("U&\"\\0064rop\"", "drop")]
    [InlineData("U&\"set!005fconfig\" UESCAPE '!'", "set_config")]
    [InlineData("U&\"\\+01F600\"", "\U0001F600")]
    [InlineData("U&\"\\D83D\\DE00\"", "\U0001F600")]
    [InlineData("ÉTÉ", "ÉtÉ")]
    public void Name_Token_IsDecodedAsTheServerDoes(string sql, string expected)
    {
        Assert.Equal(expected, NameOfFirst(sql));
    }

    [Theory]
    [InlineData("U&\"\\00zz\"")]
    [InlineData("U&\"x\" UESCAPE '+'")]
    [InlineData("'string'")]
    public void Name_UndecodableOrNotAName_IsNull(string sql)
    {
        Assert.Null(NameOfFirst(sql));
    }

    [Theory]
    [InlineData("'role'", "role")]
    [InlineData("'it''s'", "it's")]
    [InlineData("'ro'\n'le'", "role")]
    [InlineData("E'r\\x6fle'", "role")]
    [InlineData("E'\\162ole'", "role")]
    [InlineData("E'\\u0072ole'", "role")]
    [InlineData("E'a\\'b'", "a'b")]
    [InlineData("$$role$$", "role")]
    [InlineData("$q$role$q$", "role")]
    [InlineData("U&'r\\006fle'", "role")]
    [InlineData("N'role'", "role")]
    public void String_Constant_IsDecoded(string sql, string expected)
    {
        Assert.Equal(expected, StringOfFirst(sql));
    }

    [Fact]
    public void String_WithoutStandardConformingStrings_ProcessesBackslashes()
    {
        Assert.Equal("a'b", StringOfFirst("'a\\'b'", standardConformingStrings: false));
    }
}
