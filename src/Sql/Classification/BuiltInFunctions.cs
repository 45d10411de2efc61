using System.Collections.Frozen;

namespace Warden.Sql.Classification;

/// <summary>
/// Built-in functions whose effects matter to policy, and the built-ins known to have none.
/// Names are matched in any schema: a same-named user function is treated like the built-in.
/// Sources: https://www.postgresql.org/docs/current/functions-admin.html,
/// https://www.postgresql.org/docs/current/functions-sequence.html, lo-funcs.html, dblink.html.
/// </summary>
internal static class BuiltInFunctions
{
    /// <summary>Sentinel for set_config, whose class depends on which setting it changes.</summary>
    public const StatementClasses SetConfig = (StatementClasses)(1 << 30);

    private const StatementClasses Admin = StatementClasses.Admin;
    private const StatementClasses Write = StatementClasses.Write;

    private static readonly FrozenDictionary<string, StatementClasses> SideEffects = new Dictionary<string, StatementClasses>
    {
        ["set_config"] = SetConfig,
        // Sequences: nextval/setval fail in a read-only transaction (SQLSTATE 25006).
        ["nextval"] = Write,
        ["setval"] = Write,
        // NOTIFY through a function; delivered to other sessions at commit.
        ["pg_notify"] = Write,
        // Large objects (https://www.postgresql.org/docs/current/lo-funcs.html): lo_import/lo_export read
        // and write files on the database server.
        ["lo_import"] = Admin,
        ["lo_export"] = Admin,
        ["lo_unlink"] = Admin | StatementClasses.Destructive,
        ["lo_create"] = Write,
        ["lo_creat"] = Write,
        ["lo_from_bytea"] = Write,
        ["lo_put"] = Write,
        ["lowrite"] = Write,
        ["lo_truncate"] = Write,
        ["lo_truncate64"] = Write,
        // Server signalling and configuration.
        ["pg_terminate_backend"] = Admin,
        ["pg_cancel_backend"] = Admin,
        ["pg_reload_conf"] = Admin,
        ["pg_rotate_logfile"] = Admin,
        ["pg_switch_wal"] = Admin,
        ["pg_promote"] = Admin,
        ["pg_create_restore_point"] = Admin,
        ["pg_backup_start"] = Admin,
        ["pg_backup_stop"] = Admin,
        ["pg_start_backup"] = Admin,
        ["pg_stop_backup"] = Admin,
        ["pg_wal_replay_pause"] = Admin,
        ["pg_wal_replay_resume"] = Admin,
        ["pg_log_backend_memory_contexts"] = Admin,
        ["pg_import_system_collations"] = Admin | StatementClasses.Ddl,
        // Index maintenance functions that change index contents.
        ["brin_summarize_new_values"] = Write,
        ["brin_summarize_range"] = Write,
        ["brin_desummarize_range"] = Write,
        ["gin_clean_pending_list"] = Write,
        // These run SQL given as text, which this analyzer never sees.
        ["query_to_xml"] = StatementClasses.Unknown,
        ["query_to_xmlschema"] = StatementClasses.Unknown,
        ["query_to_xml_and_xmlschema"] = StatementClasses.Unknown,
        ["ts_stat"] = StatementClasses.Unknown,
        ["ts_rewrite"] = StatementClasses.Unknown,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// Families matched by prefix. Advisory locks are classed write, not admin: they are shared state
    /// other sessions wait on (like LOCK and SELECT FOR UPDATE), but grant no privilege and touch no server
    /// configuration or file.
    /// </summary>
    private static readonly (string Prefix, StatementClasses Classes)[] SideEffectPrefixes =
    [
        ("pg_advisory_", Write),
        ("pg_try_advisory_", Write),
        ("pg_read_", Admin),            // pg_read_file, pg_read_binary_file: server files
        ("pg_ls_", Admin),              // pg_ls_dir, pg_ls_logdir, pg_ls_waldir, ...: server directories
        ("pg_stat_file", Admin),
        ("pg_file_", Admin),            // adminpack: pg_file_write, pg_file_rename, pg_file_unlink
        ("pg_stat_reset", Admin),
        ("pg_replication_", Admin),     // slots and origins
        ("pg_create_", Admin),          // pg_create_physical/logical_replication_slot
        ("pg_drop_replication_slot", Admin),
        ("pg_copy_", Admin),            // pg_copy_physical/logical_replication_slot
        ("pg_logical_", Admin),         // pg_logical_emit_message, pg_logical_slot_get_changes, ...
        ("dblink", Admin),              // dblink, dblink_exec, dblink_connect, ...: SQL on other servers
        ("binary_upgrade_", Admin),
    ];

    public static bool TryGetSideEffects(string name, out StatementClasses classes)
    {
        if (SideEffects.TryGetValue(name, out classes))
        {
            return true;
        }
        foreach (var (prefix, prefixClasses) in SideEffectPrefixes)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                classes = prefixClasses;
                return true;
            }
        }
        return false;
    }

    public static bool IsKnownSafe(string name) => SafeFunctions.Names.Contains(name);

    /// <summary>
    /// Built-ins whose arguments name a relation (a regclass string), read a whole schema or database, run
    /// SQL text, or change search_path: the relation scan reads their calls (Relations/RelationScanner.Functions.cs).
    /// </summary>
    public static bool AffectsRelations(string name) => name switch
    {
        "nextval" or "setval" or "currval" or "set_config" => true,
        "table_to_xml" or "table_to_xmlschema" or "table_to_xml_and_xmlschema" => true,
        "schema_to_xml" or "schema_to_xmlschema" or "schema_to_xml_and_xmlschema" => true,
        "database_to_xml" or "database_to_xmlschema" or "database_to_xml_and_xmlschema" => true,
        _ => name.StartsWith("dblink", StringComparison.Ordinal),
    };
}
