using static Warden.Sql.Tests.Classification.ClassesText;

namespace Warden.Sql.Tests.Classification;

public sealed class DdlClassificationTests
{
    [Theory]
    [InlineData("ddl", "CREATE TABLE t (id int PRIMARY KEY, a text DEFAULT 'x')")]
    [InlineData("ddl", "CREATE TEMP TABLE t (a int GENERATED ALWAYS AS (1) STORED)")]
    [InlineData("ddl", "CREATE UNIQUE INDEX CONCURRENTLY i ON t (a)")]
    // A view's query names the relations it reads (issue 5): read joins ddl.
    [InlineData("ddl read", "CREATE OR REPLACE VIEW v AS SELECT * FROM t")]
    [InlineData("ddl", "CREATE SCHEMA s")]
    [InlineData("ddl", "CREATE OR REPLACE FUNCTION f(a int) RETURNS int LANGUAGE sql AS $$ DELETE FROM t; SELECT 1 $$")]
    [InlineData("ddl", "CREATE SEQUENCE s")]
    [InlineData("ddl", "COMMENT ON TABLE t IS 'x'")]
    [InlineData("ddl", "SECURITY LABEL ON TABLE t IS 'x'")]
    [InlineData("ddl", "IMPORT FOREIGN SCHEMA s FROM SERVER srv INTO local")]
    [InlineData("ddl", "CREATE USER MAPPING FOR app SERVER srv")]
    [InlineData("ddl", "ALTER TABLE t ADD COLUMN b int")]
    [InlineData("ddl", "ALTER TABLE t RENAME COLUMN a TO b")]
    [InlineData("ddl", "ALTER TABLE t ALTER COLUMN a DROP DEFAULT")]
    [InlineData("ddl", "ALTER TABLE t ALTER a DROP NOT NULL")]
    [InlineData("ddl", "ALTER TABLE t ALTER COLUMN a DROP IDENTITY IF EXISTS")]
    [InlineData("ddl", "ALTER DOMAIN d DROP NOT NULL")]
    [InlineData("ddl", "ALTER INDEX i RENAME TO j")]
    public void Classify_SchemaChange_IsDdl(string expected, string sql)
    {
        AssertClasses(expected, sql);
    }

    [Theory]
    [InlineData("ddl destructive", "DROP TABLE t")]
    [InlineData("ddl destructive", "DROP TABLE IF EXISTS a, b CASCADE")]
    [InlineData("ddl destructive", "DROP INDEX CONCURRENTLY i")]
    [InlineData("ddl destructive", "DROP SCHEMA s CASCADE")]
    [InlineData("ddl destructive", "DROP VIEW v")]
    [InlineData("ddl destructive", "DROP DATABASE d")]
    [InlineData("ddl destructive", "ALTER TABLE t DROP COLUMN a")]
    [InlineData("ddl destructive", "ALTER TABLE t DROP a")]
    [InlineData("ddl destructive", "ALTER TABLE t DROP CONSTRAINT t_pkey")]
    [InlineData("ddl destructive", "ALTER TABLE t ADD COLUMN b int, DROP COLUMN a CASCADE")]
    [InlineData("ddl destructive", "ALTER TABLE t ALTER COLUMN a TYPE int USING NULL")]
    [InlineData("ddl destructive", "ALTER TYPE ty DROP ATTRIBUTE a")]
    [InlineData("ddl destructive", "ALTER DOMAIN d DROP CONSTRAINT c")]
    [InlineData("dcl destructive", "DROP ROLE r")]
    [InlineData("dcl destructive", "DROP USER u")]
    [InlineData("dcl destructive", "DROP OWNED BY u")]
    [InlineData("ddl destructive", "DROP USER MAPPING FOR u SERVER s")]
    [InlineData("ddl dcl destructive", "DROP POLICY p ON t")]
    [InlineData("ddl destructive admin", "DROP EXTENSION dblink")]
    public void Classify_Drop_IsDestructive(string expected, string sql)
    {
        AssertClasses(expected, sql);
    }

    [Theory]
    [InlineData("read write ddl", "CREATE TABLE n AS SELECT * FROM t")]
    [InlineData("read write ddl", "CREATE TEMP TABLE n (a) AS VALUES (1)")]
    [InlineData("read write ddl", "CREATE TABLE IF NOT EXISTS n AS TABLE t WITH NO DATA")]
    [InlineData("read write ddl", "CREATE MATERIALIZED VIEW mv AS SELECT 1")]
    [InlineData("read write ddl admin", "CREATE TABLE n AS SELECT pg_read_file('/etc/passwd')")]
    [InlineData("read write ddl unknown", "CREATE TABLE n AS EXECUTE p")]
    public void Classify_CreateTableAs_IsDdlWriteAndRead(string expected, string sql)
    {
        AssertClasses(expected, sql);
    }

    [Theory]
    [InlineData("dcl", "GRANT SELECT ON t TO app")]
    [InlineData("dcl", "GRANT ALL PRIVILEGES ON ALL TABLES IN SCHEMA public TO app")]
    [InlineData("dcl", "REVOKE INSERT ON t FROM app")]
    [InlineData("dcl", "GRANT admin TO app")]
    [InlineData("dcl", "CREATE ROLE r LOGIN PASSWORD 'x'")]
    [InlineData("dcl", "CREATE USER u")]
    [InlineData("dcl", "CREATE GROUP g")]
    [InlineData("dcl", "ALTER ROLE r SUPERUSER")]
    [InlineData("dcl", "ALTER USER u SET default_transaction_read_only = off")]
    [InlineData("dcl", "ALTER GROUP g ADD USER u")]
    [InlineData("dcl", "ALTER DEFAULT PRIVILEGES IN SCHEMA s GRANT SELECT ON TABLES TO r")]
    [InlineData("dcl", "REASSIGN OWNED BY a TO b")]
    [InlineData("ddl dcl", "ALTER TABLE t OWNER TO someone")]
    [InlineData("ddl dcl", "ALTER TABLE t DISABLE ROW LEVEL SECURITY")]
    [InlineData("ddl dcl", "CREATE POLICY p ON t USING (true)")]
    public void Classify_AccessControl_IsDcl(string expected, string sql)
    {
        AssertClasses(expected, sql);
    }

    [Theory]
    [InlineData("CREATE EXTENSION dblink")]
    [InlineData("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public")]
    [InlineData("ALTER EXTENSION dblink UPDATE")]
    [InlineData("CREATE TRUSTED LANGUAGE plx HANDLER h")]
    [InlineData("CREATE TABLESPACE ts LOCATION '/data'")]
    [InlineData("CREATE SUBSCRIPTION s CONNECTION 'host=x' PUBLICATION p")]
    [InlineData("CREATE EVENT TRIGGER e ON ddl_command_start EXECUTE FUNCTION f()")]
    public void Classify_ObjectReachingOutsideDatabase_IsDdlAndAdmin(string sql)
    {
        AssertClasses("ddl admin", sql);
    }
}
