using static Warden.Sql.Tests.Classification.ClassesText;

namespace Warden.Sql.Tests.Classification;

public sealed class QueryClassificationTests
{
    [Theory]
    [InlineData("SELECT 1")]
    [InlineData("select count(*), lower(name), now() from customers where id = $1")]
    [InlineData("SELECT * FROM t ORDER BY id LIMIT 10")]
    [InlineData("TABLE customers")]
    [InlineData("VALUES (1, 'a'), (2, 'b')")]
    [InlineData("(SELECT 1) UNION (SELECT 2)")]
    [InlineData("WITH x AS (SELECT 1) SELECT * FROM x")]
    [InlineData("WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5) SELECT * FROM r")]
    [InlineData("SELECT substring(name FROM 1 FOR 3), overlay('abc' PLACING 'x' FROM 2 FOR 1) FROM t")]
    [InlineData("SELECT t.update, t.delete FROM t")]
    [InlineData("SELECT a AS update FROM t")]
    [InlineData("SELECT coalesce(a, b)::numeric(10,2), CAST(x AS varchar(3)) FROM t")]
    public void Classify_Query_IsRead(string sql)
    {
        AssertClasses("read", sql);
    }

    [Theory]
    [InlineData("write", "INSERT INTO t VALUES (1)")]
    // Reading a source relation is read (issue 5: the relation list gives u read, and Classes is their union).
    [InlineData("read write", "INSERT INTO t (a, b) SELECT a, b FROM u")]
    [InlineData("write", "INSERT INTO t VALUES (1) ON CONFLICT (id) DO UPDATE SET a = excluded.a")]
    [InlineData("write", "UPDATE t SET a = 1 WHERE id = 2")]
    [InlineData("write", "UPDATE ONLY s.t * AS x SET a = 1 WHERE x.id = 2 RETURNING *")]
    [InlineData("write", "DELETE FROM t WHERE id = 1")]
    [InlineData("write", "DELETE FROM t WHERE CURRENT OF c")]
    [InlineData("read write", "MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET a = s.a WHEN NOT MATCHED THEN INSERT VALUES (s.id, s.a)")]
    public void Classify_DataModification_IsWrite(string expected, string sql)
    {
        AssertClasses(expected, sql);
    }

    [Theory]
    [InlineData("DELETE FROM t")]
    [InlineData("delete from t returning *")]
    [InlineData("DELETE FROM t WHERE true")]
    [InlineData("DELETE FROM t WHERE 1 = 1")]
    [InlineData("DELETE FROM t WHERE 'a' = 'a' RETURNING id")]
    [InlineData("UPDATE t SET a = 1")]
    public void Classify_WithoutWhere_IsWriteAndDestructive(string sql)
    {
        AssertClasses("write destructive", sql);
    }

    [Theory]
    [InlineData("DELETE FROM t USING u")]
    [InlineData("UPDATE t SET a = (SELECT b FROM u WHERE u.id = 1)")]
    [InlineData("MERGE INTO t USING s ON true WHEN MATCHED THEN DELETE")]
    public void Classify_WithoutWhereReadingAnotherRelation_IsAlsoRead(string sql)
    {
        AssertClasses("read write destructive", sql);
    }

    [Theory]
    [InlineData("read write", "WITH d AS (DELETE FROM t WHERE id = 1 RETURNING *) SELECT * FROM d")]
    [InlineData("read write destructive", "WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d")]
    [InlineData("read write", "WITH i AS (INSERT INTO t VALUES (1) RETURNING id) SELECT id FROM i")]
    [InlineData("read write", "WITH u AS MATERIALIZED (UPDATE t SET a = 1 WHERE b RETURNING a) SELECT 1")]
    [InlineData("read write", "WITH a AS (WITH b AS (INSERT INTO t VALUES (1) RETURNING 1) SELECT * FROM b) SELECT * FROM a")]
    [InlineData("read write", "WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x")]
    [InlineData("read write destructive", "WITH x AS (SELECT 1) DELETE FROM t")]
    [InlineData("read write", "WITH RECURSIVE r AS (SELECT 1 AS id UNION SELECT id FROM r) CYCLE id SET c USING p UPDATE t SET a = 1 WHERE id IN (SELECT id FROM r)")]
    public void Classify_DataModifyingCte_IsReadAndWrite(string expected, string sql)
    {
        AssertClasses(expected, sql);
    }

    [Theory]
    [InlineData("SELECT * INTO new_t FROM t")]
    [InlineData("SELECT * INTO TEMP new_t FROM t")]
    [InlineData("WITH x AS (SELECT 1) SELECT * INTO UNLOGGED TABLE y FROM x")]
    public void Classify_SelectInto_IsReadDdlWrite(string sql)
    {
        AssertClasses("read write ddl", sql);
    }

    [Theory]
    [InlineData("SELECT * FROM t FOR UPDATE")]
    [InlineData("SELECT * FROM t FOR NO KEY UPDATE SKIP LOCKED")]
    [InlineData("SELECT * FROM t FOR SHARE")]
    [InlineData("SELECT * FROM t FOR KEY SHARE OF t NOWAIT")]
    public void Classify_RowLockingSelect_IsReadAndWrite(string sql)
    {
        // PostgreSQL refuses SELECT ... FOR UPDATE/SHARE in a read-only transaction (SQLSTATE 25006).
        AssertClasses("read write", sql);
    }
}
