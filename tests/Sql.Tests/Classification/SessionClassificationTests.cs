using static Warden.Sql.Tests.Classification.ClassesText;

namespace Warden.Sql.Tests.Classification;

public sealed class SessionClassificationTests
{
    [Theory]
    [InlineData("session", "SET search_path TO app, public")]
    [InlineData("session", "SET LOCAL statement_timeout = '5s'")]
    [InlineData("session", "SET SESSION work_mem = 65536")]
    [InlineData("session", "SET TIME ZONE 'UTC'")]
    [InlineData("session", "SET NAMES 'UTF8'")]
    [InlineData("session", "SET myapp.user_id = 42")]
    [InlineData("session", "RESET search_path")]
    [InlineData("session", "RESET ALL")]
    [InlineData("session", "DISCARD ALL")]
    [InlineData("session", "DISCARD PLANS")]
    [InlineData("session", "LISTEN chan")]
    [InlineData("session", "UNLISTEN *")]
    [InlineData("session", "DEALLOCATE ALL")]
    [InlineData("read", "SHOW search_path")]
    [InlineData("read", "SHOW ALL")]
    [InlineData("write", "NOTIFY chan, 'payload'")]
    public void Classify_SessionCommand_IsSession(string expected, string sql)
    {
        AssertClasses(expected, sql);
    }

    [Theory]
    [InlineData("SET ROLE postgres")]
    [InlineData("SET LOCAL ROLE postgres")]
    [InlineData("SET SESSION ROLE postgres")]
    [InlineData("SET role = 'postgres'")]
    [InlineData("SET \"role\" TO postgres")]
    [InlineData("SET SESSION AUTHORIZATION postgres")]
    [InlineData("SET SESSION AUTHORIZATION DEFAULT")]
    [InlineData("SET LOCAL SESSION AUTHORIZATION postgres")]
    [InlineData("RESET ROLE")]
    [InlineData("RESET SESSION AUTHORIZATION")]
    [InlineData("SET default_transaction_read_only = off")]
    [InlineData("SET default_transaction_read_only TO DEFAULT")]
    [InlineData("SET SESSION default_transaction_read_only = false")]
    [InlineData("SET transaction_read_only = 'off'")]
    [InlineData("SET Default_Transaction_Read_Only = 0")]
    [InlineData("RESET default_transaction_read_only")]
    [InlineData("SET session_replication_role = replica")]
    [InlineData("SET standard_conforming_strings = off")]
    public void Classify_SessionEscape_IsSessionAndAdmin(string sql)
    {
        AssertClasses("session admin", sql);
    }

    [Theory]
    [InlineData("SET default_transaction_read_only = on")]
    [InlineData("SET transaction_read_only TO true")]
    [InlineData("SET standard_conforming_strings = on")]
    public void Classify_TighteningSetting_IsSessionOnly(string sql)
    {
        AssertClasses("session", sql);
    }

    [Theory]
    [InlineData("transaction", "BEGIN")]
    [InlineData("transaction", "BEGIN READ ONLY")]
    [InlineData("transaction", "BEGIN ISOLATION LEVEL READ COMMITTED")]
    [InlineData("transaction", "START TRANSACTION ISOLATION LEVEL SERIALIZABLE, READ ONLY, DEFERRABLE")]
    [InlineData("transaction", "COMMIT")]
    [InlineData("transaction", "COMMIT AND CHAIN")]
    [InlineData("transaction", "END")]
    [InlineData("transaction", "ROLLBACK")]
    [InlineData("transaction", "ABORT")]
    [InlineData("transaction", "SAVEPOINT s1")]
    [InlineData("transaction", "RELEASE SAVEPOINT s1")]
    [InlineData("transaction", "ROLLBACK TO SAVEPOINT s1")]
    [InlineData("transaction", "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")]
    [InlineData("transaction", "SET TRANSACTION READ ONLY")]
    [InlineData("transaction admin", "BEGIN READ WRITE")]
    [InlineData("transaction admin", "BEGIN TRANSACTION ISOLATION LEVEL SERIALIZABLE, READ WRITE")]
    [InlineData("transaction admin", "START TRANSACTION READ WRITE")]
    [InlineData("transaction admin", "SET TRANSACTION READ WRITE")]
    [InlineData("session admin", "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE")]
    [InlineData("session", "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SERIALIZABLE")]
    [InlineData("transaction admin", "COMMIT PREPARED 'tx1'")]
    [InlineData("transaction admin", "ROLLBACK PREPARED 'tx1'")]
    public void Classify_TransactionControl_IsTransaction(string expected, string sql)
    {
        AssertClasses(expected, sql);
    }

    [Theory]
    [InlineData("admin", "VACUUM")]
    [InlineData("admin", "VACUUM (FULL, ANALYZE) t")]
    [InlineData("admin", "ANALYZE t")]
    [InlineData("admin", "REINDEX TABLE t")]
    [InlineData("admin", "CLUSTER t USING t_pkey")]
    [InlineData("admin", "CHECKPOINT")]
    [InlineData("admin", "LOAD 'auto_explain'")]
    [InlineData("admin", "ALTER SYSTEM SET work_mem = '1GB'")]
    [InlineData("write", "LOCK TABLE t IN ACCESS EXCLUSIVE MODE")]
    [InlineData("write", "REFRESH MATERIALIZED VIEW CONCURRENTLY mv")]
    [InlineData("write destructive", "TRUNCATE t")]
    [InlineData("write destructive", "TRUNCATE TABLE a, b RESTART IDENTITY CASCADE")]
    [InlineData("unknown", "CALL do_things(1)")]
    [InlineData("unknown", "DO $$BEGIN DELETE FROM t; END$$")]
    [InlineData("unknown", "DO LANGUAGE plpgsql 'BEGIN NULL; END'")]
    [InlineData("unknown", "FROBNICATE everything")]
    public void Classify_UtilityCommand_HasDocumentedClasses(string expected, string sql)
    {
        AssertClasses(expected, sql);
    }
}
