namespace Warden.Sql.Tests.Classification;

/// <summary>
/// Escapes found by the end-to-end suite (tests/Integration.Tests/Policy), pinned here where they are
/// cheap to run: each statement must carry the class that makes a rule refuse it.
/// </summary>
public sealed class EscapeRegressionTests
{
    [Theory]
    [InlineData("EXPLAIN (\"analyze\") DELETE FROM customers WHERE id = 1")]
    [InlineData("EXPLAIN (U&\"\\0061nalyze\") DELETE FROM customers WHERE id = 1")]
    [InlineData("EXPLAIN (\"analyse\", COSTS off) UPDATE customers SET name = 'x' WHERE id = 2")]
    public void Classify_ExplainWithQuotedAnalyzeOption_CarriesWrite(string sql) =>
        Assert.True(SqlAnalyzer.Classify(sql).HasFlag(StatementClasses.Write));

    [Fact]
    public void Classify_ExplainAnalyzeQuotedFalse_IsReadOnly() =>
        Assert.Equal(StatementClasses.Read, SqlAnalyzer.Classify("EXPLAIN (ANALYZE \"false\") DELETE FROM customers"));

    [Theory]
    [InlineData("PREPARE p AS UPDATE customers SET name = 'x' WHERE id = 1", StatementClasses.Session | StatementClasses.Write)]
    [InlineData("PREPARE p AS UPDATE customers SET name = 'x'", StatementClasses.Session | StatementClasses.Write | StatementClasses.Destructive)]
    public void Classify_PrepareOfUpdate_CarriesUpdateClasses(string sql, StatementClasses expected) =>
        Assert.Equal(expected, SqlAnalyzer.Classify(sql));

    [Fact]
    public void Classify_SelectColumnAliasedUpdate_IsRead() =>
        Assert.Equal(StatementClasses.Read, SqlAnalyzer.Classify("SELECT 1 AS update"));

    [Theory]
    [InlineData("DELETE FROM t WHERE (true)")]
    [InlineData("DELETE FROM t WHERE 2 > 1")]
    [InlineData("DELETE FROM t WHERE true AND true")]
    [InlineData("DELETE FROM t WHERE id = 1 OR true")]
    [InlineData("UPDATE t SET a = 1 WHERE 'x' = 'x'")]
    [InlineData("DELETE FROM t WHERE EXISTS (SELECT 1)")]
    [InlineData("DELETE FROM t WHERE now() > '2000-01-01'::date")]
    public void Classify_WhereThatMatchesEveryRow_IsDestructive(string sql) =>
        Assert.True(SqlAnalyzer.Classify(sql).HasFlag(StatementClasses.Destructive));

    [Theory]
    [InlineData("DELETE FROM t WHERE id = 1")]
    [InlineData("DELETE FROM t WHERE \"Id\" = 1 AND true")]
    [InlineData("UPDATE t SET a = 1 WHERE a IS NULL")]
    [InlineData("DELETE FROM t WHERE lower(name) = 'x'")]
    public void Classify_WhereNamingAColumn_IsNotDestructive(string sql) =>
        Assert.False(SqlAnalyzer.Classify(sql).HasFlag(StatementClasses.Destructive));

    [Theory]
    [InlineData("SET client_encoding = 'SJIS'")]
    [InlineData("SET client_encoding TO 'Shift JIS'")]
    [InlineData("SET NAMES 'WIN932'")]
    [InlineData("SELECT set_config('client_encoding', 'big5', false)")]
    [InlineData("SET client_encoding = DEFAULT")]
    public void Classify_UnsafeOrUnknownClientEncoding_IsAdmin(string sql) =>
        Assert.True(SqlAnalyzer.Classify(sql).HasFlag(StatementClasses.Admin));

    [Theory]
    [InlineData("SET client_encoding = 'UTF8'")]
    [InlineData("SET NAMES 'LATIN1'")]
    [InlineData("RESET client_encoding")]
    public void Classify_AsciiSafeClientEncoding_IsSession(string sql) =>
        Assert.Equal(StatementClasses.Session, SqlAnalyzer.Classify(sql));

    [Theory]
    [InlineData("Shift-JIS", false)]
    [InlineData("win932", false)]
    [InlineData("WINDOWS_936", false)]
    [InlineData("UTF-8", true)]
    [InlineData("iso-8859-1", true)]
    [InlineData("EUC_JP", true)]
    [InlineData("made-up", false)]
    public void IsAsciiSafe_PostgresAliases_Normalized(string name, bool safe) =>
        Assert.Equal(safe, ClientEncodings.IsAsciiSafe(name));

    [Theory]
    [InlineData(true, StatementClasses.Transaction | StatementClasses.Admin)]
    [InlineData(false, StatementClasses.Transaction)]
    public void Analyze_BeginReadWrite_AdminOnlyInReadOnlySession(bool readOnlySession, StatementClasses expected) =>
        Assert.Equal(expected, SqlAnalyzer.Analyze("BEGIN READ WRITE", new SqlAnalyzerOptions { ReadOnlySession = readOnlySession }).Classes);

    [Theory]
    [InlineData("EXECUTE p", true)]
    [InlineData("EXPLAIN ANALYZE EXECUTE p", true)]
    [InlineData("CREATE TABLE t AS EXECUTE p", true)]
    [InlineData("PREPARE p AS SELECT 1", true)]
    [InlineData("DEALLOCATE ALL", true)]
    [InlineData("SELECT 'EXECUTE p'", false)]
    [InlineData("SELECT 1", false)]
    [InlineData("SET search_path = billing", true)]
    [InlineData("SELECT set_config('search_path', 'billing', false)", true)]
    public void Analyze_PreparedStatementUse_MarksSessionDependence(string sql, bool dependsOnSession) =>
        Assert.Equal(dependsOnSession, SqlAnalyzer.Analyze(sql).DependsOnSessionState);
}
