namespace Warden.Sql.Tests.Splitting;

public sealed class StatementSplitterTests
{
    private static string[] Texts(string sql) => SqlAnalyzer.Analyze(sql).Statements.Select(s => s.Text).ToArray();

    [Fact]
    public void Analyze_TwoStatements_SplitsAtSemicolon()
    {
        Assert.Equal(["SELECT 1", "SELECT 2"], Texts("SELECT 1; SELECT 2;"));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ; ;; ")]
    [InlineData("-- only a comment")]
    [InlineData("/* only */ /* comments */")]
    public void Analyze_NoStatements_ReturnsEmpty(string sql)
    {
        Assert.Empty(Texts(sql));
        Assert.Equal(StatementClasses.None, SqlAnalyzer.Classify(sql));
    }

    [Theory]
    [InlineData("SELECT 'a;b'")]
    [InlineData("SELECT \"a;b\"")]
    [InlineData("SELECT $$a;b$$")]
    [InlineData("SELECT $x$a;$$;b$x$")]
    [InlineData("SELECT E'\\';'")]
    [InlineData("CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2))")]
    public void Analyze_SemicolonInsideTokenOrParentheses_DoesNotSplit(string sql)
    {
        Assert.Equal([sql], Texts(sql));
    }

    [Fact]
    public void Analyze_SemicolonInTrailingBlockComment_DoesNotSplit()
    {
        Assert.Equal(["SELECT 1"], Texts("SELECT 1 /* ; SELECT 2 */"));
    }

    [Fact]
    public void Analyze_SemicolonInLineComment_DoesNotSplit()
    {
        Assert.Equal(["SELECT 1 -- ; DROP TABLE t\n+ 1"], Texts("SELECT 1 -- ; DROP TABLE t\n+ 1"));
    }

    [Fact]
    public void Analyze_StatementSpan_ExcludesLeadingCommentsAndSemicolon()
    {
        const string sql = "/* lead */ SELECT 1 ;";
        var statement = Assert.Single(SqlAnalyzer.Analyze(sql).Statements);
        Assert.Equal(11, statement.Start);
        Assert.Equal("SELECT 1", statement.Text);
    }

    [Fact]
    public void Analyze_BeginAtomicBody_IsOneStatement()
    {
        const string create = "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT CASE WHEN true THEN 2 END; END";
        Assert.Equal([create, "SELECT 3"], Texts(create + "; SELECT 3"));
    }

    [Fact]
    public void Analyze_BeginAtomicInCreateOrReplaceProcedure_IsOneStatement()
    {
        const string create = "create or replace procedure p() language sql begin atomic insert into t values (1); delete from t; end";
        Assert.Equal([create], Texts(create));
    }

    [Fact]
    public void Analyze_BeginWordOutsideAtomicBody_DoesNotJoinStatements()
    {
        // "begin" is only an identifier here; the server runs the DELETE as its own statement.
        var texts = Texts("CREATE FUNCTION f() RETURNS int LANGUAGE sql SET search_path = begin AS 'select 1'; DELETE FROM t; SELECT 1");
        Assert.Equal(3, texts.Length);
    }

    [Fact]
    public void Analyze_CaseAsColumnLabelInAtomicBody_DoesNotHideNextStatement()
    {
        var texts = Texts("CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1 case; END; DELETE FROM t");
        Assert.Equal("DELETE FROM t", texts[^1]);
    }

    [Fact]
    public void Analyze_UnbalancedParentheses_IsUnknown()
    {
        Assert.True(SqlAnalyzer.Classify("SELECT (1; DELETE FROM t").HasFlag(StatementClasses.Unknown));
        Assert.True(SqlAnalyzer.Classify("SELECT 1); SELECT 2").HasFlag(StatementClasses.Unknown));
    }
}
