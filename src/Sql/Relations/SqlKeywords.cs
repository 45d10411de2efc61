namespace Warden.Sql.Relations;

/// <summary>
/// PostgreSQL's key words that are not "unreserved" (src/include/parser/kwlist.h, PostgreSQL 18; the same
/// list as <c>SELECT word, catcode FROM pg_get_keywords() WHERE catcode &lt;&gt; 'U'</c>).
/// </summary>
internal static class SqlKeywords
{
    /// <summary>Reserved and type/function-name key words: never an unquoted table or schema name (ColId).</summary>
    private static readonly HashSet<string> NotColId = new(StringComparer.Ordinal)
    {
        "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast", "check",
        "collate", "column", "constraint", "create", "current_catalog", "current_date", "current_role", "current_time",
        "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do", "else", "end", "except",
        "false", "fetch", "for", "foreign", "from", "grant", "group", "having", "in", "initially", "intersect", "into",
        "lateral", "leading", "limit", "localtime", "localtimestamp", "not", "null", "offset", "on", "only", "or", "order",
        "placing", "primary", "references", "returning", "select", "session_user", "some", "symmetric", "system_user",
        "table", "then", "to", "trailing", "true", "union", "unique", "user", "using", "variadic", "when", "where",
        "window", "with",
        "authorization", "binary", "collation", "concurrently", "cross", "current_schema", "freeze", "full", "ilike",
        "inner", "is", "isnull", "join", "left", "like", "natural", "notnull", "outer", "overlaps", "right", "similar",
        "tablesample", "verbose",
    };

    /// <summary>Column-name key words: allowed as table names, but quote_identifier quotes them.</summary>
    private static readonly HashSet<string> ColumnName = new(StringComparer.Ordinal)
    {
        "between", "bigint", "bit", "boolean", "char", "character", "coalesce", "dec", "decimal", "exists", "extract",
        "float", "greatest", "grouping", "inout", "int", "integer", "interval", "json", "json_array", "json_arrayagg",
        "json_exists", "json_object", "json_objectagg", "json_query", "json_scalar", "json_serialize", "json_table",
        "json_value", "least", "merge_action", "national", "nchar", "none", "normalize", "nullif", "numeric", "out",
        "overlay", "position", "precision", "real", "row", "setof", "smallint", "substring", "time", "timestamp", "treat",
        "trim", "values", "varchar", "xmlattributes", "xmlconcat", "xmlelement", "xmlexists", "xmlforest",
        "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot", "xmlserialize", "xmltable",
    };

    /// <summary>True for a folded word that cannot stand unquoted where a table or schema name is expected.</summary>
    public static bool IsNotColId(ReadOnlySpan<char> lowerWord) =>
        lowerWord.Length <= 17 && NotColId.GetAlternateLookup<ReadOnlySpan<char>>().Contains(lowerWord);

    /// <summary>Whether quote_identifier would quote <paramref name="part"/>.</summary>
    public static bool NeedsQuotes(string part)
    {
        if (part.Length == 0 || !(part[0] is (>= 'a' and <= 'z') or '_'))
        {
            return true;
        }
        foreach (var c in part)
        {
            if (!(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '$'))
            {
                return true;
            }
        }
        return NotColId.Contains(part) || ColumnName.Contains(part);
    }
}
