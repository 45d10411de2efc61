using static Warden.Sql.Tests.Relations.RelationsText;

namespace Warden.Sql.Tests.Relations;

public sealed class SearchPathChangeTests
{
    private static string Format(SearchPathChange? change) => change switch
    {
        null => "none",
        { Unknown: true } => change.IsLocal ? "unknown local" : "unknown",
        { Schemas: null } => change.IsLocal ? "default local" : "default",
        _ => string.Join("|", change.Schemas) + (change.IsLocal ? " local" : string.Empty),
    };

    [Theory]
    [InlineData("SET search_path TO billing, public", "billing|public")]
    [InlineData("SET search_path = Billing", "billing")]
    [InlineData("SET search_path = \"Billing\", public", "Billing|public")]
    [InlineData("SET \"search_path\" = billing", "billing")]
    [InlineData("SET SEARCH_PATH = billing", "billing")]
    [InlineData("SET \"Search_Path\" = billing", "billing")]
    [InlineData("SET U&\"search\\005Fpath\" = billing", "billing")]
    [InlineData("SET SESSION search_path = a", "a")]
    [InlineData("SET LOCAL search_path = a, b", "a|b local")]
    [InlineData("SET search_path = 'a', 'b'", "a|b")]
    [InlineData("SET search_path = 'Billing'", "Billing")]
    [InlineData("SET search_path = 'a, b'", "a, b")]
    [InlineData("SET search_path = \"$user\", public", "$user|public")]
    [InlineData("SET search_path = '$user', public", "$user|public")]
    [InlineData("SET search_path TO DEFAULT", "default")]
    [InlineData("SET LOCAL search_path TO DEFAULT", "default local")]
    [InlineData("SET search_path = ''", "unknown")]
    [InlineData("SET search_path = a b", "unknown")]
    [InlineData("SET SCHEMA 'billing'", "billing")]
    [InlineData("SET LOCAL SCHEMA 'Billing'", "Billing local")]
    [InlineData("RESET search_path", "default")]
    [InlineData("RESET \"search_path\"", "default")]
    [InlineData("RESET ALL", "default")]
    [InlineData("DISCARD ALL", "default")]
    [InlineData("SELECT set_config('search_path', 'a, \"B\", Billing', false)", "a|B|billing")]
    [InlineData("SELECT pg_catalog.set_config('SEARCH_PATH', 'billing', true) AS x", "billing local")]
    [InlineData("select set_config('search_path', '', false)", "")]
    [InlineData("SELECT set_config('search_path', '\"$user\" , public', 'off')", "$user|public")]
    [InlineData("SELECT set_config('search_path', 'a,,b', false)", "unknown")]
    [InlineData("SELECT set_config('search_path', 'a, \"b', false)", "unknown")]
    [InlineData("SELECT set_config('search_path', $1, false)", "unknown")]
    [InlineData("SELECT set_config('search_path', 'a', $1)", "unknown")]
    [InlineData("SELECT set_config($1, 'a', false)", "unknown")]
    [InlineData("SELECT set_config(name, 'a', false) FROM s", "unknown")]
    [InlineData("SELECT set_config('search_path', 'a', false) FROM t", "unknown")]
    [InlineData("SELECT set_config('search_path', 'a', false) WHERE false", "unknown")]
    [InlineData("SELECT CASE WHEN x THEN set_config('search_path', 'a', false) END", "unknown")]
    [InlineData("SELECT set_config('search_path', 'a', false), set_config('search_path', 'b', false)", "unknown")]
    [InlineData("PREPARE p AS SELECT set_config('search_path', 'a', false)", "unknown")]
    [InlineData("EXECUTE p", "unknown")]
    [InlineData("DO $$ BEGIN SET search_path = a; END $$", "unknown")]
    [InlineData("SELECT * FROM set_config('search_path', 'a', false)", "unknown")]
    [InlineData("ALTER TABLE t ADD COLUMN c text DEFAULT set_config('search_path', 'a', false)", "unknown")]
    [InlineData("EXPLAIN ANALYZE SELECT set_config('search_path', 'a', false)", "unknown")]
    [InlineData("SELECT set_config('work_mem', '1MB', false)", "none")]
    [InlineData("SELECT myschema.set_config('search_path', 'a', false)", "none")]
    [InlineData("SET work_mem = '1MB'", "none")]
    [InlineData("SET my.search_path = 'a'", "none")]
    [InlineData("RESET work_mem", "none")]
    [InlineData("SELECT * FROM t", "none")]
    public void Analyze_SearchPath_ReportsTheChange(string sql, string expected)
    {
        Assert.Equal(expected, Format(Single(sql).SearchPathChange));
    }

    [Fact]
    public void Analyze_SetSearchPath_HasNoRelations()
    {
        AssertRelations(string.Empty, "SET search_path = billing", unattributed: "session");
    }
}
