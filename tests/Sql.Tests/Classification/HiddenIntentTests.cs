using static Warden.Sql.Tests.Classification.ClassesText;

namespace Warden.Sql.Tests.Classification;

/// <summary>DESIGN §3 "SQL that hides intent", and the harmless look-alikes that must stay usable.</summary>
public sealed class HiddenIntentTests
{
    [Theory]
    [InlineData("SELECT 'DROP TABLE t; DELETE FROM t'")]
    [InlineData("SELECT $$; DELETE FROM t; $$")]
    [InlineData("SELECT $x$ $$ ; DROP TABLE t; $$ $x$")]
    [InlineData("SELECT 1 -- ; DELETE FROM t")]
    [InlineData("SELECT 1 /* ; DELETE FROM t /* nested */ ; DROP TABLE t */")]
    [InlineData("SELECT \"DELETE\" FROM \"DROP\"")]
    [InlineData("SELECT \"delete\", \"insert\" FROM t")]
    [InlineData("SELECT U&\"\\0064rop\" FROM t")]
    [InlineData("SELECT * FROM \"update\" WHERE \"into\" = 1")]
    [InlineData("SELECT E'\\'; DELETE FROM t; --'")]
    [InlineData("SELECT 'set_config(''role'', ''x'', false)'")]
    [InlineData("SELECT 'pg_read_file(''/etc/passwd'')'")]
    [InlineData("SELECT * FROM orders WHERE note = 'INSERT INTO x'")]
    [InlineData("SELECT 'a'\n'; DROP TABLE t'")]
    public void Classify_KeywordsInsideStringsCommentsOrQuotedNames_AreRead(string sql)
    {
        AssertClasses("read", sql);
    }

    [Theory]
    [InlineData("read write destructive", "SELECT 1; DELETE FROM t")]
    [InlineData("read ddl destructive", "/* harmless */ SELECT 1; /* */ DROP TABLE t")]
    [InlineData("read write destructive", "SELECT 'x';DELETE FROM t")]
    [InlineData("read write destructive", "SELECT 'a\\'; DELETE FROM t; --'")]
    [InlineData("read ddl destructive", "SELECT $$x$$; DROP TABLE t")]
    [InlineData("read ddl destructive", "SELECT 1 -- c\n; DROP TABLE t")]
    [InlineData("ddl destructive", "dRoP tAbLe t")]
    [InlineData("ddl destructive", "/**/DROP/**/TABLE/**/t")]
    public void Classify_CommandAfterHarmlessLookingText_IsSeen(string expected, string sql)
    {
        AssertClasses(expected, sql);
    }

    [Fact]
    public void Classify_EscapeStringContinuation_DoesNotHideOrInventStatements()
    {
        // One E'' string continued on the next line: \' does not end it, so there is no DELETE statement.
        AssertClasses("read", "SELECT E'a'\n'\\'; DELETE FROM t; --'");
    }

    [Fact]
    public void Classify_BackslashQuoteWithoutStandardConformingStrings_FollowsServerLexing()
    {
        var options = new SqlAnalyzerOptions { StandardConformingStrings = false };
        AssertClasses("read", "SELECT 'a\\'; DELETE FROM t; --'", options);
        AssertClasses("read write destructive", "SELECT 'a\\\\'; DELETE FROM t; --'", options);
    }

    [Theory]
    [InlineData("SELECT 'unterminated")]
    [InlineData("SELECT 1 /* unterminated")]
    [InlineData("SELECT $$ unterminated")]
    [InlineData("SELECT \"\" FROM t")]
    [InlineData("SELECT 1 \\ 2")]
    [InlineData("SELECT U&'\\0041' ")]
    public void Classify_TextTheServerRejects_IsUnknown(string sql)
    {
        var options = sql.Contains("U&", StringComparison.Ordinal) ? new SqlAnalyzerOptions { StandardConformingStrings = false } : null;
        Assert.True(SqlAnalyzer.Analyze(sql, options ?? SqlAnalyzerOptions.Default).Classes.HasFlag(StatementClasses.Unknown), sql);
    }

    [Fact]
    public void Classify_CreateFunctionWithAtomicBody_IsOnlyDdl()
    {
        AssertClasses("ddl", "CREATE FUNCTION f() RETURNS void LANGUAGE sql BEGIN ATOMIC DELETE FROM t; END");
    }

    [Fact]
    public void Classify_StatementAfterAtomicBody_IsSeen()
    {
        AssertClasses("ddl write destructive", "CREATE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC SELECT 1; END; DELETE FROM t");
    }

    [Fact]
    public void Analyze_EachStatement_HasItsOwnClassesAndCommand()
    {
        var statements = SqlAnalyzer.Analyze("BEGIN; SELECT * FROM t; UPDATE t SET a = 1 WHERE id = 1; COMMIT").Statements;
        Assert.Equal(["BEGIN", "SELECT", "UPDATE", "COMMIT"], statements.Select(s => s.Command));
        Assert.Equal(
            [StatementClasses.Transaction, StatementClasses.Read, StatementClasses.Write, StatementClasses.Transaction],
            statements.Select(s => s.Classes));
    }

    [Fact]
    public void Analyze_UnknownStatement_ExplainsWhy()
    {
        var statement = Assert.Single(SqlAnalyzer.Analyze("DO $$ BEGIN END $$").Statements);
        Assert.Equal(StatementClasses.Unknown, statement.Classes);
        Assert.False(string.IsNullOrEmpty(statement.UnknownReason));
    }

    [Fact]
    public void Analyze_ArbitraryInput_NeverThrows()
    {
        var random = new Random(99);
        string[] parts = ["SELECT", "DELETE", "FROM", "t", "(", ")", ";", "'", "\"", "$$", "$a$", "--", "/*", "*/", "\n", " ",
            "E'", "\\", "U&\"", "UESCAPE", "BEGIN", "ATOMIC", "END", "CASE", "CREATE", "FUNCTION", "EXPLAIN", "ANALYZE",
            "PREPARE", "EXECUTE", "AS", "set_config", ",", "COPY", "SET", "ROLE", "WITH", "INTO", "UPDATE", "=", "::", "."];
        for (var n = 0; n < 20000; n++)
        {
            var sql = string.Concat(Enumerable.Range(0, random.Next(0, 16)).Select(_ => parts[random.Next(parts.Length)] + " "));
            var analysis = SqlAnalyzer.Analyze(sql);
            Assert.All(analysis.Statements, s => Assert.NotEqual(StatementClasses.None, s.Classes));
        }
    }
}
