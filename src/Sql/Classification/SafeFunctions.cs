using System.Collections.Frozen;

namespace Warden.Sql.Classification;

/// <summary>
/// Built-in functions (and type names used like functions) that only compute a value: calling them is
/// not worth reporting. Not exhaustive: a built-in missing here is merely reported in
/// <see cref="SqlStatement.CalledFunctions"/>, it does not change the classes.
/// </summary>
internal static class SafeFunctions
{
    public static readonly FrozenSet<string> Names = new[]
    {
        // Aggregates and window functions (functions-aggregate.html, functions-window.html).
        "count", "sum", "avg", "min", "max", "array_agg", "string_agg", "bool_and", "bool_or", "every", "bit_and", "bit_or",
        "json_agg", "jsonb_agg", "json_object_agg", "jsonb_object_agg", "stddev", "stddev_pop", "stddev_samp", "variance",
        "var_pop", "var_samp", "corr", "covar_pop", "covar_samp", "percentile_cont", "percentile_disc", "mode", "grouping",
        "row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag", "lead", "first_value",
        "last_value", "nth_value", "regr_slope", "regr_intercept", "regr_count", "xmlagg", "range_agg", "any_value",
        // Conditionals and comparison (functions-conditional.html).
        "coalesce", "nullif", "greatest", "least", "num_nulls", "num_nonnulls",
        // Strings (functions-string.html).
        "lower", "upper", "initcap", "length", "char_length", "character_length", "octet_length", "bit_length", "concat",
        "concat_ws", "substring", "substr", "position", "strpos", "trim", "btrim", "ltrim", "rtrim", "lpad", "rpad",
        "replace", "translate", "overlay", "left", "right", "repeat", "reverse", "split_part", "format", "quote_ident",
        "quote_literal", "quote_nullable", "md5", "sha224", "sha256", "sha384", "sha512", "encode", "decode", "ascii",
        "chr", "to_hex", "regexp_replace", "regexp_match", "regexp_matches", "regexp_split_to_array",
        "regexp_split_to_table", "regexp_count", "regexp_instr", "regexp_like", "regexp_substr", "starts_with",
        "string_to_array", "string_to_table", "array_to_string", "to_char", "to_number", "to_date", "to_timestamp",
        "normalize", "unistr", "convert", "convert_from", "convert_to", "parse_ident", "casefold",
        // Numbers (functions-math.html).
        "abs", "ceil", "ceiling", "floor", "round", "trunc", "sign", "sqrt", "cbrt", "power", "pow", "exp", "ln", "log",
        "log10", "mod", "div", "pi", "degrees", "radians", "sin", "cos", "tan", "asin", "acos", "atan", "atan2", "random",
        "random_normal", "setseed", "width_bucket", "scale", "gcd", "lcm", "factorial", "trim_scale", "min_scale",
        // Dates and times (functions-datetime.html).
        "now", "current_date", "current_time", "current_timestamp", "localtime", "localtimestamp", "clock_timestamp",
        "statement_timestamp", "transaction_timestamp", "timeofday", "date_trunc", "date_part", "date_bin", "extract",
        "age", "make_date", "make_time", "make_timestamp", "make_timestamptz", "make_interval", "justify_days",
        "justify_hours", "justify_interval", "isfinite", "timezone", "generate_series", "generate_subscripts",
        // JSON (functions-json.html).
        "to_json", "to_jsonb", "json_build_object", "jsonb_build_object", "json_build_array", "jsonb_build_array",
        "json_object", "jsonb_object", "json_array_length", "jsonb_array_length", "json_each", "jsonb_each",
        "json_each_text", "jsonb_each_text", "json_extract_path", "jsonb_extract_path", "json_extract_path_text",
        "jsonb_extract_path_text", "json_object_keys", "jsonb_object_keys", "json_array_elements",
        "jsonb_array_elements", "json_array_elements_text", "jsonb_array_elements_text", "json_typeof", "jsonb_typeof",
        "jsonb_set", "jsonb_insert", "jsonb_pretty", "jsonb_strip_nulls", "json_strip_nulls", "jsonb_path_query",
        "jsonb_path_exists", "jsonb_path_match", "jsonb_path_query_array", "jsonb_path_query_first", "row_to_json",
        "array_to_json", "json_populate_record", "jsonb_populate_record", "json_to_record", "jsonb_to_record",
        "json_to_recordset", "jsonb_to_recordset", "json", "json_scalar", "json_serialize", "json_exists", "json_query",
        "json_value", "json_array", "json_objectagg", "json_arrayagg",
        // Arrays and sets (functions-array.html, functions-srf.html).
        "array_length", "array_lower", "array_upper", "array_ndims", "array_dims", "cardinality", "array_append",
        "array_prepend", "array_cat", "array_remove", "array_replace", "array_position", "array_positions",
        "array_fill", "unnest", "array_sample", "array_shuffle", "trim_array",
        // Misc information (functions-info.html) and type-like calls.
        "version", "current_database", "current_schema", "current_schemas", "current_user", "session_user", "user",
        "current_setting", "pg_backend_pid", "pg_typeof", "format_type", "pg_get_viewdef", "pg_get_indexdef",
        "pg_get_constraintdef", "pg_get_functiondef", "pg_get_expr", "pg_get_userbyid", "pg_size_pretty",
        "pg_relation_size", "pg_total_relation_size", "pg_table_size", "pg_indexes_size", "pg_database_size",
        "pg_column_size", "has_table_privilege", "has_column_privilege", "has_schema_privilege",
        "has_database_privilege", "has_function_privilege", "pg_has_role", "obj_description", "col_description",
        "pg_table_is_visible", "pg_is_in_recovery", "pg_postmaster_start_time", "pg_sleep", "gen_random_uuid",
        "uuid_generate_v4", "txid_current_snapshot", "pg_current_snapshot", "pg_encoding_to_char", "inet_server_addr",
        "inet_client_addr", "cast", "int", "int2", "int4", "int8", "integer", "bigint", "smallint", "numeric", "decimal",
        "float", "float4", "float8", "real", "text", "varchar", "char", "character", "bool", "boolean", "date", "time",
        "timestamp", "timestamptz", "interval", "uuid", "bytea", "bit", "varbit", "inet", "cidr", "regclass", "oid",
        "tsvector", "tsquery", "to_tsvector", "to_tsquery", "plainto_tsquery", "phraseto_tsquery",
        "websearch_to_tsquery", "ts_rank", "ts_rank_cd", "ts_headline", "setweight", "strip", "lo_get", "loread",
        "bernoulli", "system", "xmlelement", "xmlforest", "xmlconcat", "xmlparse", "xmlserialize", "xpath", "xmlexists",
        "treat", "isempty", "lower_inc", "upper_inc", "int4range", "int8range", "numrange", "tsrange",
        "tstzrange", "daterange", "point", "box", "circle", "polygon", "area", "center",
    }.ToFrozenSet(StringComparer.Ordinal);
}
