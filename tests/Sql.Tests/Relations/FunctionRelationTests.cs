using static Warden.Sql.Tests.Relations.RelationsText;

namespace Warden.Sql.Tests.Relations;

public sealed class FunctionRelationTests
{
    [Theory]
    [InlineData("SELECT nextval('s') FROM t", "t:read s:write", "write")]
    [InlineData("SELECT nextval('billing.s')", "billing.s:write", "read write")]
    [InlineData("SELECT pg_catalog.setval('\"Billing\".S', 5)", "\"Billing\".s:write", "read write")]
    [InlineData("SELECT nextval(' BILLING . seq '::regclass)", "billing.seq:write", "read write")]
    [InlineData("SELECT currval('s')", "s:read", "read")]
    [InlineData("SELECT table_to_xml('billing.invoices', true, false, '')", "billing.invoices:read", "read")]
    [InlineData("INSERT INTO t VALUES (nextval('s'))", "t:write s:write", "write")]
    [InlineData("ALTER TABLE t ADD COLUMN n int DEFAULT nextval('billing.s')", "t:ddl billing.s:write", "write")]
    [InlineData("EXPLAIN SELECT nextval('s')", "", "read")]
    [InlineData("EXPLAIN ANALYZE SELECT nextval('s')", "s:write", "read write")]
    [InlineData("SELECT \"nextval\"('s')", "s:write", "read write")]
    [InlineData("SELECT myschema.nextval('s')", "", "read write")]
    public void Analyze_FunctionNamingARelation_ReportsIt(string sql, string expected, string unattributed)
    {
        AssertRelations(expected, sql, unattributed);
    }

    [Theory]
    [InlineData("SELECT nextval(seq_name) FROM config")]
    [InlineData("SELECT nextval('12345')")]
    [InlineData("SELECT nextval('a.b.c.d')")]
    [InlineData("SELECT schema_to_xml('billing', true, false, '')")]
    [InlineData("SELECT database_to_xml(true, false, '')")]
    public void Analyze_FunctionWithUnknownRelation_IsIncomplete(string sql)
    {
        var statement = Single(sql);
        Assert.False(statement.RelationsComplete, sql);
        AssertInvariants(statement);
    }
}
