using static Warden.Sql.Tests.Relations.RelationsText;

namespace Warden.Sql.Tests.Relations;

public sealed class DmlRelationTests
{
    [Theory]
    [InlineData("INSERT INTO t VALUES (1)", "t:write")]
    [InlineData("INSERT INTO s.t AS x (a, b) VALUES (1, 2) RETURNING *", "s.t:write")]
    [InlineData("INSERT INTO t DEFAULT VALUES", "t:write")]
    [InlineData("INSERT INTO t OVERRIDING SYSTEM VALUE VALUES (1)", "t:write")]
    [InlineData("INSERT INTO t (a) SELECT a FROM u JOIN v ON u.id = v.id", "t:write u:read v:read")]
    [InlineData("INSERT INTO t (SELECT * FROM u)", "t:write u:read")]
    [InlineData("INSERT INTO t SELECT * FROM u ON CONFLICT (id) DO UPDATE SET a = excluded.a WHERE t.b IN (SELECT b FROM v)", "t:write u:read v:read")]
    [InlineData("INSERT INTO t VALUES ((SELECT max(id) FROM u) + 1)", "t:write u:read")]
    [InlineData("INSERT INTO t WITH x AS (SELECT * FROM u) SELECT * FROM x", "t:write u:read")]
    [InlineData("UPDATE t SET a = 1 WHERE id = 2", "t:write")]
    [InlineData("UPDATE ONLY s.t * AS x SET a = 1 WHERE x.id = 2 RETURNING *", "s.t:write")]
    [InlineData("UPDATE t x SET a = 1 WHERE x.id = 2", "t:write")]
    [InlineData("UPDATE t SET a = u.a FROM u WHERE u.id = t.id", "t:write u:read")]
    [InlineData("UPDATE t SET a = u.a FROM u JOIN v ON v.id = u.id, w WHERE u.id = t.id", "t:write u:read v:read w:read")]
    [InlineData("UPDATE t SET (a, b) = (SELECT a, b FROM u WHERE u.id = t.id) WHERE id = 1", "t:write u:read")]
    [InlineData("UPDATE t SET a = b IS DISTINCT FROM c WHERE id = 1", "t:write")]
    [InlineData("UPDATE t SET a = 1 WHERE CURRENT OF c", "t:write")]
    [InlineData("DELETE FROM t WHERE id = 1", "t:write")]
    [InlineData("DELETE FROM ONLY t AS x WHERE x.id = 1", "t:write")]
    [InlineData("DELETE FROM t USING u, v WHERE t.id = u.id AND u.id = v.id", "t:write u:read v:read")]
    [InlineData("DELETE FROM t WHERE id IN (SELECT id FROM t WHERE a)", "t:read+write")]
    [InlineData("MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET a = s.a WHEN NOT MATCHED THEN INSERT (id, a) VALUES (s.id, s.a)", "t:write s:read")]
    [InlineData("MERGE INTO t AS x USING (SELECT * FROM s JOIN r ON true) AS y ON x.id = y.id WHEN MATCHED THEN DO NOTHING", "t:write s:read r:read")]
    [InlineData("MERGE INTO t USING a JOIN b ON a.x = b.x ON t.id = a.id WHEN NOT MATCHED BY SOURCE THEN DELETE", "t:write+destructive a:read b:read")]
    public void Analyze_DataModification_WritesTargetReadsSources(string sql, string expected)
    {
        AssertRelations(expected, sql);
    }

    [Theory]
    [InlineData("DELETE FROM t", "t:write+destructive")]
    [InlineData("DELETE FROM t WHERE true RETURNING *", "t:write+destructive")]
    [InlineData("UPDATE t SET a = 1", "t:write+destructive")]
    [InlineData("UPDATE t SET a = 1 WHERE 1 = 1 OR id = 2", "t:write+destructive")]
    [InlineData("MERGE INTO t USING s ON true WHEN MATCHED THEN DELETE", "t:write+destructive s:read")]
    [InlineData("TRUNCATE a, ONLY b, c *", "a:write+destructive b:write+destructive c:write+destructive")]
    [InlineData("TRUNCATE TABLE s.a RESTART IDENTITY", "s.a:write+destructive")]
    public void Analyze_Destructive_IsOnTheTarget(string sql, string expected)
    {
        AssertRelations(expected, sql, unattributed: string.Empty);
    }

    [Theory]
    [InlineData("WITH d AS (DELETE FROM a RETURNING *) INSERT INTO b SELECT * FROM d", "a:write+destructive b:write")]
    [InlineData("WITH d AS (DELETE FROM a WHERE id = 1 RETURNING *) SELECT * FROM d", "a:write")]
    [InlineData("WITH u AS (UPDATE a SET x = 1 WHERE y RETURNING *), i AS (INSERT INTO b SELECT * FROM u RETURNING *) SELECT * FROM i JOIN c ON true", "a:write b:write c:read")]
    [InlineData("SELECT * FROM (WITH d AS (DELETE FROM a WHERE id = 1 RETURNING id) SELECT * FROM d) x", "a:write")]
    [InlineData("WITH a AS (WITH b AS (INSERT INTO t VALUES (1) RETURNING 1) SELECT * FROM b) SELECT * FROM a", "t:write")]
    [InlineData("WITH m AS (MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET a = 1 RETURNING *) SELECT * FROM m", "t:write s:read")]
    [InlineData("WITH t AS (SELECT 1) DELETE FROM t WHERE id = 1", "t:write")]
    [InlineData("WITH t AS (SELECT 1) INSERT INTO t SELECT * FROM t", "t:write")]
    [InlineData("WITH RECURSIVE r AS (SELECT 1 AS id UNION SELECT id FROM r) CYCLE id SET c USING p UPDATE t SET a = 1 WHERE id IN (SELECT id FROM r)", "t:write")]
    public void Analyze_DataModifyingCte_WritesAtAnyDepth(string sql, string expected)
    {
        AssertRelations(expected, sql);
    }

    [Theory]
    [InlineData("SELECT * INTO new_t FROM t", "new_t:write+ddl t:read")]
    [InlineData("SELECT a, b INTO TEMP TABLE s.new_t FROM t JOIN u ON true", "s.new_t:write+ddl t:read u:read")]
    [InlineData("WITH x AS (SELECT * FROM t) SELECT * INTO UNLOGGED y FROM x", "t:read y:write+ddl")]
    [InlineData("CREATE TABLE n AS SELECT * FROM t", "n:write+ddl t:read")]
    [InlineData("CREATE TEMP TABLE IF NOT EXISTS s.n (a, b) AS TABLE t WITH NO DATA", "s.n:write+ddl t:read")]
    [InlineData("CREATE MATERIALIZED VIEW mv AS SELECT * FROM t WHERE a IN (SELECT a FROM u)", "mv:write+ddl t:read u:read")]
    public void Analyze_CreateFromQuery_CreatesAndFillsTheNewRelation(string sql, string expected)
    {
        AssertRelations(expected, sql, unattributed: string.Empty);
    }

    [Theory]
    [InlineData("COPY t FROM STDIN", "t:write", "")]
    [InlineData("COPY s.t (a, b) FROM STDIN WITH (FORMAT csv)", "s.t:write", "")]
    [InlineData("COPY t TO STDOUT", "t:read", "")]
    [InlineData("COPY BINARY t TO STDOUT", "t:read", "")]
    [InlineData("COPY (SELECT * FROM t JOIN u ON true) TO STDOUT", "t:read u:read", "")]
    [InlineData("COPY t FROM '/tmp/x'", "t:write", "admin")]
    [InlineData("COPY t TO PROGRAM 'gzip > /tmp/x'", "t:read", "admin")]
    [InlineData("LOCK t", "t:write", "")]
    [InlineData("LOCK TABLE ONLY a, s.b IN ACCESS EXCLUSIVE MODE NOWAIT", "a:write s.b:write", "")]
    [InlineData("REFRESH MATERIALIZED VIEW CONCURRENTLY s.mv WITH DATA", "s.mv:write", "")]
    public void Analyze_CopyLockRefresh_ReportTheirTable(string sql, string expected, string unattributed)
    {
        AssertRelations(expected, sql, unattributed);
    }

    [Fact]
    public void Analyze_PrepareReadingASource_CarriesTheReadToExecute()
    {
        var analysis = SqlAnalyzer.Analyze("PREPARE p AS INSERT INTO t SELECT * FROM u; EXECUTE p");
        Assert.Equal(StatementClasses.Read | StatementClasses.Write, analysis.Statements[0].PreparedStatementChange!.Classes);
        Assert.Equal(StatementClasses.Read | StatementClasses.Write, analysis.Statements[1].Classes);
        Assert.False(analysis.Statements[1].RelationsComplete);
    }
}
