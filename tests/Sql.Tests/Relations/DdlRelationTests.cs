using static Warden.Sql.Tests.Relations.RelationsText;

namespace Warden.Sql.Tests.Relations;

public sealed class DdlRelationTests
{
    [Theory]
    [InlineData("CREATE TABLE t (id int PRIMARY KEY, a text DEFAULT 'x')", "t:ddl")]
    [InlineData("CREATE UNLOGGED TABLE IF NOT EXISTS s.t (a int CHECK (a LIKE 'x%'))", "s.t:ddl")]
    [InlineData("CREATE TABLE t (a int REFERENCES billing.invoices (id), b int, FOREIGN KEY (b) REFERENCES u)", "t:ddl billing.invoices:ddl u:ddl")]
    [InlineData("CREATE TABLE t (LIKE s.src INCLUDING ALL, extra int)", "t:ddl s.src:read")]
    [InlineData("CREATE TABLE c () INHERITS (p1, s.p2)", "c:ddl p1:ddl s.p2:ddl")]
    [InlineData("CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (1) TO (10)", "p1:ddl p:ddl")]
    [InlineData("CREATE FOREIGN TABLE ft (a int) SERVER srv OPTIONS (table_name 'x')", "ft:ddl")]
    [InlineData("CREATE OR REPLACE TEMP VIEW v AS SELECT * FROM t JOIN u ON true", "v:ddl t:read u:read")]
    [InlineData("CREATE VIEW s.v (a) WITH (security_barrier) AS DELETE FROM t", "s.v:ddl t:read")]
    [InlineData("CREATE RECURSIVE VIEW v (n) AS SELECT 1 UNION ALL SELECT n + 1 FROM v WHERE n < 5", "v:ddl")]
    [InlineData("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS i ON ONLY s.t USING btree (a) WHERE b", "s.t:ddl")]
    [InlineData("CREATE INDEX ON t ((lower(a)))", "t:ddl")]
    [InlineData("CREATE SEQUENCE IF NOT EXISTS s.seq START 1", "s.seq:ddl")]
    [InlineData("CREATE TRIGGER trg BEFORE INSERT OR UPDATE OF a ON s.t FOR EACH ROW EXECUTE FUNCTION f()", "s.t:ddl")]
    [InlineData("CREATE STATISTICS st (dependencies) ON a, b FROM t", "t:ddl")]
    [InlineData("COMMENT ON TABLE s.t IS 'x'", "s.t:ddl")]
    [InlineData("COMMENT ON MATERIALIZED VIEW mv IS 'x'", "mv:ddl")]
    [InlineData("COMMENT ON COLUMN s.t.a IS 'x'", "s.t:ddl")]
    [InlineData("COMMENT ON COLUMN t.a IS 'x'", "t:ddl")]
    [InlineData("COMMENT ON CONSTRAINT c ON t IS 'x'", "t:ddl")]
    [InlineData("COMMENT ON FUNCTION f(int) IS 'x'", "")]
    [InlineData("SECURITY LABEL FOR selinux ON TABLE t IS 'x'", "t:ddl")]
    [InlineData("ALTER TABLE t ADD COLUMN b int", "t:ddl")]
    [InlineData("ALTER TABLE IF EXISTS ONLY s.t ALTER COLUMN a SET DEFAULT 1", "s.t:ddl")]
    [InlineData("ALTER TABLE t RENAME COLUMN a TO b", "t:ddl")]
    [InlineData("ALTER TABLE t RENAME TO u", "t:ddl u:ddl")]
    [InlineData("ALTER TABLE s.t RENAME TO u", "s.t:ddl s.u:ddl")]
    [InlineData("ALTER TABLE db.s.t RENAME TO \"U\"", "db.s.t:ddl db.s.\"U\":ddl")]
    [InlineData("ALTER VIEW v RENAME TO w", "v:ddl w:ddl")]
    [InlineData("ALTER INDEX s.i RENAME TO j", "s.i:ddl s.j:ddl")]
    [InlineData("ALTER SEQUENCE s.q RENAME TO r", "s.q:ddl s.r:ddl")]
    [InlineData("ALTER MATERIALIZED VIEW IF EXISTS mv RENAME TO mv2", "mv:ddl mv2:ddl")]
    [InlineData("ALTER TABLE t SET SCHEMA archive", "t:ddl archive.t:ddl")]
    [InlineData("ALTER TABLE s.t SET SCHEMA \"Archive\"", "s.t:ddl \"Archive\".t:ddl")]
    [InlineData("ALTER FOREIGN TABLE ft SET SCHEMA s", "ft:ddl s.ft:ddl")]
    [InlineData("ALTER TABLE p ATTACH PARTITION s.p1 FOR VALUES IN (1)", "p:ddl s.p1:ddl")]
    [InlineData("ALTER TABLE c NO INHERIT p", "c:ddl p:ddl")]
    [InlineData("ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES u (id)", "t:ddl u:ddl")]
    [InlineData("ALTER TRIGGER trg ON t RENAME TO trg2", "t:ddl")]
    public void Analyze_Ddl_OnTheRelation(string sql, string expected)
    {
        AssertRelations(expected, sql);
    }

    [Theory]
    [InlineData("DROP TABLE a, s.b", "a:ddl+destructive s.b:ddl+destructive")]
    [InlineData("DROP TABLE IF EXISTS a RESTRICT", "a:ddl+destructive")]
    [InlineData("DROP VIEW v", "v:ddl+destructive")]
    [InlineData("DROP MATERIALIZED VIEW IF EXISTS mv, mv2", "mv:ddl+destructive mv2:ddl+destructive")]
    [InlineData("DROP INDEX CONCURRENTLY IF EXISTS s.i", "s.i:ddl+destructive")]
    [InlineData("DROP SEQUENCE s.q", "s.q:ddl+destructive")]
    [InlineData("DROP FOREIGN TABLE ft", "ft:ddl+destructive")]
    [InlineData("DROP TRIGGER IF EXISTS trg ON s.t", "s.t:ddl+destructive")]
    [InlineData("ALTER TABLE t DROP COLUMN a", "t:ddl+destructive")]
    [InlineData("ALTER TABLE t ALTER COLUMN a TYPE int USING a::int", "t:ddl+destructive")]
    public void Analyze_DestructiveDdl_IsOnEachRelation(string sql, string expected)
    {
        AssertRelations(expected, sql, unattributed: string.Empty);
    }

    [Theory]
    [InlineData("GRANT SELECT ON t TO r", "t:dcl")]
    [InlineData("GRANT SELECT (a, b), UPDATE ON TABLE a, s.b TO r WITH GRANT OPTION", "a:dcl s.b:dcl")]
    [InlineData("REVOKE ALL ON a FROM r", "a:dcl")]
    [InlineData("REVOKE GRANT OPTION FOR SELECT ON TABLE s.a FROM r CASCADE", "s.a:dcl")]
    [InlineData("GRANT USAGE ON SEQUENCE s.q TO r", "s.q:dcl")]
    [InlineData("GRANT EXECUTE ON FUNCTION f(int) TO r", "")]
    [InlineData("GRANT USAGE ON SCHEMA billing TO r", "")]
    [InlineData("GRANT admin TO alice", "")]
    [InlineData("ALTER TABLE t OWNER TO r", "t:ddl+dcl")]
    [InlineData("ALTER TABLE t ENABLE ROW LEVEL SECURITY", "t:ddl+dcl")]
    [InlineData("CREATE POLICY p ON s.t USING (owner = current_user)", "s.t:ddl+dcl")]
    [InlineData("CREATE POLICY p ON t FOR SELECT USING (id IN (SELECT id FROM billing.allowed)) WITH CHECK (true)", "t:ddl+dcl billing.allowed:read")]
    [InlineData("ALTER POLICY p ON t USING (EXISTS (SELECT 1 FROM u))", "t:ddl+dcl u:read")]
    public void Analyze_Dcl_OnEachRelation(string sql, string expected)
    {
        AssertRelations(expected, sql);
    }

    [Theory]
    [InlineData("VACUUM t", "t:admin")]
    [InlineData("VACUUM (VERBOSE, ANALYZE) a, s.b (x, y)", "a:admin s.b:admin")]
    [InlineData("VACUUM FULL FREEZE t", "t:admin")]
    [InlineData("ANALYZE VERBOSE t (a)", "t:admin")]
    [InlineData("CLUSTER t USING i", "t:admin")]
    [InlineData("REINDEX TABLE CONCURRENTLY s.t", "s.t:admin")]
    [InlineData("REINDEX (VERBOSE) INDEX i", "i:admin")]
    public void Analyze_Maintenance_ListsTablesButKeepsAdminUnattributed(string sql, string expected)
    {
        AssertRelations(expected, sql, unattributed: "admin");
    }

    [Theory]
    [InlineData("CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ DELETE FROM t; SELECT 1 $$", "ddl")]
    [InlineData("CREATE TYPE ty AS (a int)", "ddl")]
    [InlineData("CREATE SCHEMA s", "ddl")]
    [InlineData("CREATE ROLE r", "dcl")]
    [InlineData("DROP FUNCTION f(int)", "ddl destructive")]
    [InlineData("ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO r", "dcl")]
    [InlineData("BEGIN", "transaction")]
    [InlineData("SET statement_timeout = 0", "session")]
    [InlineData("SHOW search_path", "read")]
    [InlineData("FETCH 10 FROM c", "read")]
    public void Analyze_NoRelationObject_IsCompleteWithClassesUnattributed(string sql, string unattributed)
    {
        AssertRelations(string.Empty, sql, unattributed);
    }

    [Theory]
    [InlineData("EXECUTE p")]
    [InlineData("EXPLAIN ANALYZE EXECUTE p(1)")]
    [InlineData("CREATE TABLE t AS EXECUTE p")]
    [InlineData("DO $$ BEGIN DELETE FROM t; END $$")]
    [InlineData("CALL proc()")]
    [InlineData("SELECT * FROM (SELECT 1")]
    [InlineData("SELECT 'unterminated")]
    [InlineData("FROBNICATE t")]
    [InlineData("DROP TABLE t CASCADE")]
    [InlineData("TRUNCATE t CASCADE")]
    [InlineData("DROP SCHEMA billing CASCADE")]
    [InlineData("DROP SCHEMA billing")]
    [InlineData("ALTER SCHEMA billing RENAME TO b2")]
    [InlineData("DROP OWNED BY r")]
    [InlineData("REASSIGN OWNED BY a TO b")]
    [InlineData("GRANT SELECT ON ALL TABLES IN SCHEMA billing TO r")]
    [InlineData("CREATE RULE r AS ON INSERT TO t DO INSTEAD INSERT INTO u VALUES (new.*)")]
    [InlineData("CREATE SCHEMA s CREATE TABLE t (a int)")]
    [InlineData("CREATE EXTENSION postgis")]
    [InlineData("CREATE PUBLICATION p FOR TABLE billing.invoices")]
    [InlineData("IMPORT FOREIGN SCHEMA s FROM SERVER srv INTO local")]
    [InlineData("VACUUM")]
    [InlineData("ANALYZE")]
    [InlineData("REINDEX DATABASE d")]
    [InlineData("ALTER TABLE ALL IN TABLESPACE a SET TABLESPACE b")]
    [InlineData("SELECT query_to_xml('select * from billing.x', true, true, '')")]
    [InlineData("SELECT * FROM dblink('dbname=demo', 'DELETE FROM billing.x') AS r(a int)")]
    [InlineData("SELECT * FROM a x y JOIN b ON true")]
    public void Analyze_UnseenRelations_AreIncomplete(string sql)
    {
        var statement = Single(sql);
        Assert.False(statement.RelationsComplete, sql);
        Assert.False(SqlAnalyzer.Analyze(sql).RelationsComplete);
        AssertInvariants(statement);
    }
}
