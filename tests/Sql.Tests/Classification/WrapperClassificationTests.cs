using static Warden.Sql.Tests.Classification.ClassesText;

namespace Warden.Sql.Tests.Classification;

public sealed class WrapperClassificationTests
{
    [Theory]
    [InlineData("read", "EXPLAIN SELECT * FROM t")]
    [InlineData("read", "EXPLAIN DELETE FROM t")]
    [InlineData("read", "EXPLAIN VERBOSE DELETE FROM t")]
    [InlineData("read", "EXPLAIN (ANALYZE false) DELETE FROM t")]
    [InlineData("read", "EXPLAIN (ANALYZE off, COSTS true) DELETE FROM t")]
    [InlineData("read", "EXPLAIN (ANALYZE 0) DELETE FROM t")]
    [InlineData("read", "EXPLAIN (ANALYZE 'false') DELETE FROM t")]
    [InlineData("read", "EXPLAIN (FORMAT JSON) SELECT nextval('s')")]
    [InlineData("read", "EXPLAIN ANALYZE SELECT 1")]
    [InlineData("read write destructive", "EXPLAIN ANALYZE DELETE FROM t")]
    [InlineData("read write destructive", "EXPLAIN ANALYSE VERBOSE DELETE FROM t")]
    [InlineData("read write destructive", "EXPLAIN (ANALYZE) DELETE FROM t")]
    [InlineData("read write destructive", "EXPLAIN (ANALYZE true) DELETE FROM t")]
    [InlineData("read write destructive", "EXPLAIN (ANALYZE 1) DELETE FROM t")]
    [InlineData("read write destructive", "EXPLAIN (ANALYZE on, BUFFERS) DELETE FROM t")]
    [InlineData("read write destructive", "EXPLAIN (BUFFERS, ANALYZE yes) DELETE FROM t")]
    [InlineData("read write", "EXPLAIN ANALYZE SELECT nextval('s')")]
    [InlineData("read write", "EXPLAIN ANALYZE INSERT INTO t VALUES (1)")]
    [InlineData("read ddl write", "EXPLAIN ANALYZE CREATE TABLE n AS SELECT 1")]
    public void Classify_Explain_RunsOnlyWithAnalyze(string expected, string sql)
    {
        AssertClasses(expected, sql);
    }

    [Theory]
    [InlineData("read session", "PREPARE p AS SELECT * FROM t WHERE id = $1")]
    [InlineData("session write destructive", "PREPARE p (int) AS DELETE FROM t")]
    [InlineData("read session admin", "PREPARE p AS SELECT pg_read_file($1)")]
    [InlineData("transaction admin", "PREPARE TRANSACTION 'tx1'")]
    public void Classify_Prepare_CarriesPreparedStatementClasses(string expected, string sql)
    {
        AssertClasses(expected, sql);
    }

    [Fact]
    public void Classify_ExecuteWithoutKnownStatement_IsUnknown()
    {
        AssertClasses("unknown", "EXECUTE p(1)");
    }

    [Fact]
    public void Classify_ExecuteOfStatementPreparedEarlierInText_HasItsClasses()
    {
        var analysis = SqlAnalyzer.Analyze("PREPARE p AS DELETE FROM t; EXECUTE p");
        Assert.Equal(StatementClasses.Write | StatementClasses.Destructive, analysis.Statements[1].Classes);
    }

    [Fact]
    public void Classify_ExecuteAfterDeallocateInText_IsUnknown()
    {
        var options = new SqlAnalyzerOptions { PreparedStatements = new Dictionary<string, StatementClasses> { ["p"] = StatementClasses.Read } };
        var analysis = SqlAnalyzer.Analyze("DEALLOCATE p; EXECUTE p", options);
        Assert.Equal(StatementClasses.Unknown, analysis.Statements[1].Classes);
    }

    [Fact]
    public void Classify_ExecuteOfKnownStatement_HasItsClassesAndItsArguments()
    {
        var options = new SqlAnalyzerOptions { PreparedStatements = new Dictionary<string, StatementClasses> { ["p"] = StatementClasses.Read } };
        AssertClasses("read", "EXECUTE P(1)", options);
        AssertClasses("read write", "EXECUTE p(nextval('s'))", options);
        AssertClasses("unknown", "EXECUTE \"P\"(1)", options);
    }

    [Fact]
    public void Analyze_PrepareAndDeallocate_ReportPreparedStatementChanges()
    {
        var statements = SqlAnalyzer.Analyze("PREPARE Q AS SELECT 1; DEALLOCATE q; DISCARD ALL").Statements;
        Assert.Equal(new PreparedStatementChange(PreparedStatementChangeKind.Prepare, "q", StatementClasses.Read), statements[0].PreparedStatementChange);
        Assert.Equal(PreparedStatementChangeKind.Deallocate, statements[1].PreparedStatementChange?.Kind);
        Assert.Equal(PreparedStatementChangeKind.DeallocateAll, statements[2].PreparedStatementChange?.Kind);
    }

    [Theory]
    [InlineData("read session", "DECLARE c CURSOR FOR SELECT * FROM t")]
    [InlineData("read session", "DECLARE c BINARY INSENSITIVE NO SCROLL CURSOR WITH HOLD FOR SELECT 1")]
    [InlineData("read write session", "DECLARE c CURSOR FOR SELECT * FROM t FOR UPDATE")]
    [InlineData("read write session", "DECLARE c CURSOR FOR SELECT nextval('s')")]
    [InlineData("read", "FETCH 10 FROM c")]
    [InlineData("read", "MOVE NEXT IN c")]
    [InlineData("session", "CLOSE c")]
    public void Classify_Cursor_CarriesQueryClasses(string expected, string sql)
    {
        AssertClasses(expected, sql);
    }

    [Theory]
    [InlineData("write", "COPY t FROM STDIN")]
    [InlineData("write", "COPY s.t (a, b) FROM stdin WITH (FORMAT csv)")]
    [InlineData("write", "COPY BINARY t FROM STDIN")]
    [InlineData("read", "COPY t TO STDOUT")]
    [InlineData("read", "COPY (SELECT * FROM t) TO STDOUT WITH CSV HEADER")]
    [InlineData("read write", "COPY (DELETE FROM t WHERE id = 1 RETURNING *) TO STDOUT")]
    [InlineData("write admin", "COPY t FROM '/etc/passwd'")]
    [InlineData("write admin", "COPY t FROM PROGRAM 'curl evil'")]
    [InlineData("read admin", "COPY t TO '/tmp/out'")]
    [InlineData("read admin", "COPY (SELECT 1) TO PROGRAM 'sh -c id'")]
    public void Classify_Copy_DependsOnDirectionAndEndpoint(string expected, string sql)
    {
        AssertClasses(expected, sql);
    }
}
