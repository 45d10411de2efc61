using static Warden.Sql.Tests.Classification.ClassesText;

namespace Warden.Sql.Tests.Classification;

public sealed class FunctionClassificationTests
{
    [Theory]
    [InlineData("read write", "SELECT nextval('s')")]
    [InlineData("read write", "SELECT setval('s', 10)")]
    [InlineData("read write", "SELECT pg_advisory_lock(1)")]
    [InlineData("read write", "SELECT pg_try_advisory_xact_lock(1, 2)")]
    [InlineData("read write", "SELECT pg_notify('chan', 'payload')")]
    [InlineData("read write", "SELECT lo_create(0)")]
    [InlineData("read admin", "SELECT lo_import('/etc/passwd')")]
    [InlineData("read admin", "SELECT lo_export(1234, '/tmp/x')")]
    [InlineData("read destructive admin", "SELECT lo_unlink(1234)")]
    [InlineData("read admin", "SELECT pg_read_file('/etc/passwd')")]
    [InlineData("read admin", "SELECT * FROM pg_read_binary_file('postgresql.conf')")]
    [InlineData("read admin", "SELECT pg_ls_dir('.')")]
    [InlineData("read admin", "SELECT pg_stat_file('base')")]
    [InlineData("read admin", "SELECT * FROM dblink('host=x', 'select 1') AS t(a int)")]
    [InlineData("read admin", "SELECT dblink_exec('host=x', 'drop table t')")]
    [InlineData("read admin", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity")]
    [InlineData("read admin", "SELECT pg_cancel_backend(42)")]
    [InlineData("read admin", "SELECT pg_reload_conf()")]
    [InlineData("read admin", "SELECT pg_rotate_logfile()")]
    [InlineData("read unknown", "SELECT query_to_xml('select pg_read_file(''x'')', true, true, '')")]
    public void Classify_SideEffectFunction_AddsItsClasses(string expected, string sql)
    {
        AssertClasses(expected, sql);
    }

    [Theory]
    [InlineData("read session", "SELECT set_config('search_path', 'public', false)")]
    [InlineData("read session", "SELECT set_config('statement_timeout', '5s', true)")]
    [InlineData("read session admin", "SELECT set_config('role', 'postgres', false)")]
    [InlineData("read session admin", "SELECT set_config('ROLE', 'postgres', false)")]
    [InlineData("read session admin", "SELECT set_config('session_authorization', 'postgres', false)")]
    [InlineData("read session admin", "SELECT set_config('default_transaction_read_only', 'off', false)")]
    [InlineData("read session", "SELECT set_config('transaction_read_only', 'on', true)")]
    [InlineData("read session admin", "SELECT set_config($1, 'x', false)")]
    [InlineData("read session admin", "SELECT set_config('ro' || 'le', 'x', false)")]
    [InlineData("read session admin", "SELECT set_config(E'r\\x6fle', 'x', false)")]
    [InlineData("read session admin", "SELECT set_config($$role$$, 'x', false)")]
    [InlineData("read session admin", "SELECT pg_catalog.set_config('role', 'x', false)")]
    [InlineData("read session admin", "SELECT \"pg_catalog\".\"set_config\"('role', 'x', false)")]
    [InlineData("read session admin", "SELECT \"set_config\"('role', 'x', false)")]
    [InlineData("read session admin", "SELECT U&\"set\\005fconfig\"('role', 'x', false)")]
    [InlineData("read session admin", "SELECT U&\"set!005fconfig\" UESCAPE '!' ('role', 'x', false)")]
    [InlineData("read session admin", "SELECT SET_CONFIG /* gap */ ('role', 'x', false)")]
    public void Classify_SetConfig_DependsOnSetting(string expected, string sql)
    {
        AssertClasses(expected, sql);
    }

    [Fact]
    public void Classify_QuotedUpperCaseName_IsADifferentFunction()
    {
        // "SET_CONFIG" is not set_config: quoted names are not folded.
        var statement = Assert.Single(SqlAnalyzer.Analyze("SELECT \"SET_CONFIG\"('role', 'x', false)").Statements);
        Assert.Equal(StatementClasses.Read, statement.Classes);
        Assert.Equal(["SET_CONFIG"], statement.CalledFunctions);
    }

    [Fact]
    public void Analyze_UserFunction_StaysReadAndIsReported()
    {
        var statement = Assert.Single(SqlAnalyzer.Analyze("SELECT app.bump_counter(id), lower(name) FROM t").Statements);
        Assert.Equal(StatementClasses.Read, statement.Classes);
        Assert.Equal(["app.bump_counter"], statement.CalledFunctions);
    }

    [Fact]
    public void Analyze_SafeBuiltIns_AreNotReported()
    {
        var statement = Assert.Single(SqlAnalyzer.Analyze("SELECT count(*), lower(name), now(), coalesce(a, 1) FROM t").Statements);
        Assert.Empty(statement.CalledFunctions);
    }

    [Fact]
    public void Analyze_SafeNameInOtherSchema_IsReported()
    {
        var statement = Assert.Single(SqlAnalyzer.Analyze("SELECT evil.lower(name) FROM t").Statements);
        Assert.Equal(["evil.lower"], statement.CalledFunctions);
    }

    [Theory]
    [InlineData("INSERT INTO t (a, b) VALUES (1, 2)")]
    [InlineData("WITH c (x) AS (SELECT 1) SELECT x FROM c")]
    [InlineData("SELECT * FROM f() AS r(a int)")]
    [InlineData("SELECT x::varchar(10) FROM t")]
    public void Analyze_ColumnListsAndTypes_AreNotReportedAsCalls(string sql)
    {
        var statement = Assert.Single(SqlAnalyzer.Analyze(sql).Statements);
        Assert.DoesNotContain(statement.CalledFunctions, name => name is "t" or "c" or "r" or "varchar");
    }

    [Fact]
    public void Classify_SideEffectFunctionInsideSubquery_IsFound()
    {
        AssertClasses("read write", "SELECT * FROM t WHERE id IN (SELECT nextval('s'))");
    }

    [Fact]
    public void Classify_SideEffectFunctionInDml_AddsToWrite()
    {
        AssertClasses("write admin", "INSERT INTO t VALUES (pg_read_file('/etc/passwd'))");
    }
}
