using static Warden.Sql.Tests.Relations.RelationsText;

namespace Warden.Sql.Tests.Relations;

public sealed class QueryRelationTests
{
    [Theory]
    [InlineData("SELECT * FROM t", "t:read")]
    [InlineData("select * from public.orders o where o.id = 1", "public.orders:read")]
    [InlineData("SELECT a.id, b.name FROM a, b WHERE a.id = b.id", "a:read b:read")]
    [InlineData("SELECT * FROM a JOIN b ON a.id = b.a_id", "a:read b:read")]
    [InlineData("SELECT * FROM a INNER JOIN b USING (id) LEFT OUTER JOIN c ON c.id = b.id RIGHT JOIN d ON true FULL JOIN e USING (x)", "a:read b:read c:read d:read e:read")]
    [InlineData("SELECT * FROM a NATURAL JOIN b NATURAL LEFT JOIN c", "a:read b:read c:read")]
    [InlineData("SELECT * FROM a CROSS JOIN b, c", "a:read b:read c:read")]
    [InlineData("SELECT * FROM a JOIN b JOIN c ON c.x = b.x ON b.y = a.y", "a:read b:read c:read")]
    [InlineData("SELECT * FROM (a JOIN b ON a.id = b.id) JOIN c ON true", "a:read b:read c:read")]
    [InlineData("SELECT * FROM a AS x (p, q) JOIN b y ON x.p = y.p", "a:read b:read")]
    [InlineData("SELECT * FROM a, LATERAL (SELECT * FROM b WHERE b.id = a.id) s", "a:read b:read")]
    [InlineData("SELECT * FROM a CROSS JOIN LATERAL generate_series(1, a.n) g", "a:read")]
    [InlineData("SELECT * FROM a, LATERAL f(a.x) AS r(c int)", "a:read")]
    [InlineData("SELECT * FROM ONLY t", "t:read")]
    [InlineData("SELECT * FROM ONLY (t) x", "t:read")]
    [InlineData("SELECT * FROM t * WHERE true", "t:read")]
    [InlineData("SELECT * FROM s.t TABLESAMPLE SYSTEM (10) REPEATABLE (1)", "s.t:read")]
    [InlineData("SELECT t.col, s.t.col FROM s.t", "s.t:read")]
    [InlineData("SELECT (SELECT max(x) FROM u) FROM t WHERE t.id IN (SELECT id FROM v) AND EXISTS (SELECT 1 FROM w)", "u:read t:read v:read w:read")]
    [InlineData("SELECT count(*) FILTER (WHERE x IN (SELECT x FROM u)) FROM t", "u:read t:read")]
    [InlineData("SELECT ARRAY(SELECT id FROM u)", "u:read")]
    [InlineData("SELECT 1 FROM t UNION SELECT 2 FROM u INTERSECT ALL SELECT 3 FROM v EXCEPT TABLE w", "t:read u:read v:read w:read")]
    [InlineData("(SELECT * FROM a) UNION (SELECT * FROM b) ORDER BY 1", "a:read b:read")]
    [InlineData("TABLE t", "t:read")]
    [InlineData("TABLE ONLY s.t", "s.t:read")]
    [InlineData("SELECT * FROM (TABLE t) x", "t:read")]
    [InlineData("SELECT * FROM t WHERE a IS DISTINCT FROM b AND c IS NOT DISTINCT FROM d", "t:read")]
    [InlineData("SELECT substring(name FROM 1 FOR 3), extract(year FROM d), trim(both 'x' FROM s) FROM t", "t:read")]
    [InlineData("SELECT * FROM t FOR UPDATE OF t SKIP LOCKED", "t:read")]
    [InlineData("SELECT * FROM t WINDOW w AS (PARTITION BY a ORDER BY b) LIMIT 1 OFFSET 2", "t:read")]
    [InlineData("SELECT * FROM a JOIN b ON CASE WHEN a.x THEN true END, c", "a:read b:read c:read")]
    [InlineData("SELECT x::text, CAST(y AS public.mytype) FROM t", "t:read")]
    [InlineData("SELECT * FROM t AS \"Alias\" WHERE \"Alias\".a = 1", "t:read")]
    [InlineData("SELECT * FROM t JOIN t ON true", "t:read")]
    [InlineData("SELECT * FROM db.s.t", "db.s.t:read")]
    [InlineData("SELECT * FROM t AS select_", "t:read")]
    [InlineData("SELECT * FROM public.\"select\"", "public.\"select\":read")]
    [InlineData("SELECT * FROM action, name n, s.table, s.select", "action:read name:read s.\"table\":read s.\"select\":read")]
    [InlineData("DECLARE c CURSOR WITH HOLD FOR SELECT * FROM t", "t:read")]
    [InlineData("SELECT * FROM a a_very_long_alias_name_beyond_17 JOIN b ON true", "a:read b:read")]
    [InlineData("SELECT * FROM a \"Quoted Alias\" JOIN b ON true", "a:read b:read")]
    [InlineData("SELECT * FROM a AS x JOIN b AS y USING (id) WHERE EXISTS (SELECT 1 FROM c)", "a:read b:read c:read")]
    public void Analyze_Query_ReportsWhatItReads(string sql, string expected)
    {
        AssertRelations(expected, sql);
    }

    [Theory]
    [InlineData("SELECT * FROM generate_series(1, 10) g")]
    [InlineData("SELECT * FROM unnest(ARRAY[1, 2]) WITH ORDINALITY AS u(x, n)")]
    [InlineData("SELECT * FROM ROWS FROM (generate_series(1, 2), unnest(ARRAY['a'])) AS r(a, b)")]
    [InlineData("SELECT * FROM pg_catalog.generate_series(1, 3)")]
    [InlineData("SELECT * FROM JSON_TABLE('[1]'::jsonb, '$[*]' COLUMNS (x int PATH '$')) j")]
    [InlineData("SELECT * FROM XMLTABLE('/r' PASSING '<r/>'::xml COLUMNS a text PATH 'a') x")]
    [InlineData("SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS v(id, name)")]
    [InlineData("VALUES (1), (2)")]
    [InlineData("SELECT 1")]
    [InlineData("SELECT now(), '1 day'::interval, 1::numeric(10, 2)")]
    [InlineData("SELECT * FROM current_user")]
    [InlineData("SELECT * FROM current_timestamp(3) AS t")]
    public void Analyze_NoRelation_ReportsNone(string sql)
    {
        AssertRelations(string.Empty, sql, unattributed: "read");
    }

    [Theory]
    [InlineData("WITH x AS (SELECT * FROM t) SELECT * FROM x", "t:read")]
    [InlineData("WITH t AS (SELECT 1) SELECT * FROM t", "")]
    [InlineData("WITH t AS (SELECT * FROM t) SELECT * FROM t", "t:read")]
    [InlineData("WITH a AS (SELECT 1), b AS (SELECT * FROM a) SELECT * FROM b", "")]
    [InlineData("WITH b AS (SELECT * FROM a), a AS (SELECT 1) SELECT * FROM b", "a:read")]
    [InlineData("WITH RECURSIVE b AS (SELECT * FROM a), a AS (SELECT 1) SELECT * FROM b", "")]
    [InlineData("WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5) SELECT * FROM r", "")]
    [InlineData("SELECT * FROM (WITH t AS (SELECT 1) SELECT * FROM t) x, t", "t:read")]
    [InlineData("WITH t AS (SELECT 1) SELECT * FROM (SELECT * FROM t) x WHERE EXISTS (SELECT 1 FROM t)", "")]
    [InlineData("WITH t AS (SELECT 1) SELECT * FROM public.t", "public.t:read")]
    [InlineData("WITH \"T\" AS (SELECT 1) SELECT * FROM t, \"T\"", "t:read")]
    [InlineData("WITH x AS MATERIALIZED (SELECT * FROM a), y AS NOT MATERIALIZED (SELECT * FROM b) SELECT * FROM x, y", "a:read b:read")]
    [InlineData("WITH RECURSIVE s AS (SELECT id FROM tree UNION SELECT t.id FROM tree t JOIN s ON t.parent = s.id) SEARCH DEPTH FIRST BY id SET ord, c AS (SELECT 1) SELECT * FROM s, c", "tree:read")]
    [InlineData("WITH x AS (SELECT 1) TABLE x", "")]
    public void Analyze_Cte_IsNotARelationInsideItsScope(string sql, string expected)
    {
        AssertRelations(expected, sql);
    }

    [Theory]
    [InlineData("SELECT * FROM \"Billing\".\"Invoices\"", "\"Billing\".\"Invoices\":read")]
    [InlineData("SELECT * FROM billing.invoices", "billing.invoices:read")]
    [InlineData("SELECT * FROM BILLING.Invoices", "billing.invoices:read")]
    [InlineData("SELECT * FROM \"billing\".\"invoices\"", "billing.invoices:read")]
    [InlineData("SELECT * FROM U&\"bill\\0069ng\".invoices", "billing.invoices:read")]
    [InlineData("SELECT * FROM U&\"bill!0069ng\" UESCAPE '!' . invoices", "billing.invoices:read")]
    [InlineData("SELECT * FROM \"a\"\"b\"", "\"a\"\"b\":read")]
    [InlineData("SELECT * FROM \"ÄÖ\".Ü", "\"ÄÖ\".\"Ü\":read")]
    [InlineData("SELECT * FROM \"My DB\".s.t", "\"My DB\".s.t:read")]
    public void Analyze_Names_AreFoldedLikePostgres(string sql, string expected)
    {
        AssertRelations(expected, sql);
    }

    [Fact]
    public void Analyze_CaseVariants_AreTheSameRelation()
    {
        var relations = Single("SELECT * FROM billing.invoices, BILLING.Invoices, \"billing\".invoices").Relations;
        Assert.Equal(new RelationName("billing", "invoices"), Assert.Single(relations).Relation);
        var quoted = Single("SELECT * FROM \"Billing\".\"Invoices\"").Relations[0].Relation;
        Assert.NotEqual(new RelationName("billing", "invoices"), quoted);
        Assert.Equal(new RelationName("Billing", "Invoices"), quoted);
    }

    [Fact]
    public void Analyze_ThreePartName_SetsDatabase()
    {
        var relation = Single("SELECT * FROM Demo.Public.T").Relations[0].Relation;
        Assert.Equal(new RelationName("public", "t") { Database = "demo" }, relation);
        Assert.Null(Single("SELECT * FROM t").Relations[0].Relation.Schema);
    }

    [Fact]
    public void Analyze_LongName_IsTruncatedTo63Bytes()
    {
        var name = new string('a', 70);
        Assert.Equal(new string('a', 63), Single($"SELECT * FROM {name}").Relations[0].Relation.Name);
        var wide = new string('é', 40); // 2 bytes each in UTF-8: 31 fit
        Assert.Equal(new string('é', 31), Single($"SELECT * FROM \"{wide}\"").Relations[0].Relation.Name);
    }

    [Theory]
    [InlineData("SELECT * FROM t FOR UPDATE", "t:read", "write")]
    [InlineData("SELECT * FROM t FOR NO KEY UPDATE", "t:read", "write")]
    [InlineData("SELECT * FROM t FOR KEY SHARE", "t:read", "write")]
    [InlineData("SELECT my_func(x) FROM t", "t:read", "read")]
    [InlineData("SELECT pg_read_file('x') FROM t", "t:read", "admin")]
    [InlineData("SELECT * FROM t", "t:read", "")]
    public void Analyze_ClassesNotFromARelation_StayUnattributed(string sql, string expected, string unattributed)
    {
        AssertRelations(expected, sql, unattributed);
    }

    [Theory]
    [InlineData("EXPLAIN SELECT * FROM t", "t:read")]
    [InlineData("EXPLAIN DELETE FROM t", "t:read")]
    [InlineData("EXPLAIN (COSTS OFF) INSERT INTO t SELECT * FROM u", "t:read u:read")]
    [InlineData("EXPLAIN ANALYZE DELETE FROM t WHERE id = 1", "t:write")]
    [InlineData("EXPLAIN (ANALYZE, BUFFERS) UPDATE t SET a = 1", "t:write+destructive")]
    [InlineData("PREPARE p (int) AS DELETE FROM t WHERE id = $1", "t:write")]
    [InlineData("PREPARE p AS SELECT * FROM t JOIN u ON true", "t:read u:read")]
    [InlineData("DECLARE c CURSOR FOR SELECT * FROM t", "t:read")]
    public void Analyze_Wrapper_ReportsTheInnerStatement(string sql, string expected)
    {
        AssertRelations(expected, sql);
    }
}
