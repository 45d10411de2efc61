namespace Warden.Sql.Relations;

/// <summary>
/// PostgreSQL's key words that are not "unreserved" (src/include/parser/kwlist.h, PostgreSQL 18; the same
/// list as <c>SELECT word, catcode FROM pg_get_keywords() WHERE catcode &lt;&gt; 'U'</c>).
/// </summary>
internal static class SqlKeywords
{
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

    /// <summary>
    /// True for a folded reserved or type/function-name key word: it cannot stand unquoted where a table or
    /// schema name is expected (ColId). A switch, which the compiler dispatches on length and characters.
    /// </summary>
    public static bool IsNotColId(ReadOnlySpan<char> lowerWord) => lowerWord switch
    {
        "all" or "analyse" or "analyze" or "and" or "any" or "array" or "as" or "asc" or "asymmetric" or "both" or "case" or "cast"
            or "check" or "collate" or "column" or "constraint" or "create" or "current_catalog" or "current_date" or "current_role"
            or "current_time" or "current_timestamp" or "current_user" or "default" or "deferrable" or "desc" or "distinct" or "do"
            or "else" or "end" or "except" or "false" or "fetch" or "for" or "foreign" or "from" or "grant" or "group" or "having"
            or "in" or "initially" or "intersect" or "into" or "lateral" or "leading" or "limit" or "localtime" or "localtimestamp"
            or "not" or "null" or "offset" or "on" or "only" or "or" or "order" or "placing" or "primary" or "references"
            or "returning" or "select" or "session_user" or "some" or "symmetric" or "system_user" or "table" or "then" or "to"
            or "trailing" or "true" or "union" or "unique" or "user" or "using" or "variadic" or "when" or "where" or "window"
            or "with" => true,
        "authorization" or "binary" or "collation" or "concurrently" or "cross" or "current_schema" or "freeze" or "full"
            or "ilike" or "inner" or "is" or "isnull" or "join" or "left" or "like" or "natural" or "notnull" or "outer"
            or "overlaps" or "right" or "similar" or "tablesample" or "verbose" => true,
        _ => false,
    };

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
        return IsNotColId(part) || ColumnName.Contains(part);
    }
}
