using System.Text;
using Npgsql;
using Warden.Integration.Tests.Fixtures;

namespace Warden.Integration.Tests.Policy.Support;

/// <summary>
/// Everything an escape could change, read straight from the demo database as superuser (bypassing Warden):
/// customers' rows, columns, privileges and comment, the id sequence, relations, functions, extensions, roles,
/// memberships, per-role and system settings, large objects, advisory locks, maintenance counters, sessions
/// marked by an escape, the writer tests' scratch table (<see cref="ScratchTable"/>), files an escape would write
/// under /tmp, and NOTIFY on the channel escapes use.
/// <see cref="StartAsync"/> takes the picture before the statement; <see cref="AssertUnchangedAsync"/> takes
/// it again and names every difference.
/// </summary>
internal sealed class DatabaseProbe : IAsyncDisposable
{
    /// <summary>Escapes that write files use paths starting with this, so any such file is a change.</summary>
    public const string FilePrefix = "/tmp/warden-escape-";

    /// <summary>Escapes that mark a session (application_name) use values starting with this.</summary>
    public const string SessionMarker = "warden-escape-marker";

    /// <summary>The channel NOTIFY escapes use; the probe listens on it.</summary>
    public const string Channel = "warden_escape";

    /// <summary>A table the writer rule may change, created fresh for each writer test (so destructive escapes have a safe target).</summary>
    public const string ScratchTable = "warden_escape_probe";

    private const string SnapshotSql = """
        SELECT 'customers rows', count(*)::text FROM public.customers
        UNION ALL SELECT 'customers content', md5(coalesce(string_agg(c::text, E'\n' ORDER BY c.id), '')) FROM public.customers c
        UNION ALL SELECT 'customers columns', string_agg(attname::text, ',' ORDER BY attnum)
            FROM pg_attribute WHERE attrelid = 'public.customers'::regclass AND attnum > 0 AND NOT attisdropped
        UNION ALL SELECT 'customers privileges', coalesce(relacl::text, '') FROM pg_class WHERE oid = 'public.customers'::regclass
        UNION ALL SELECT 'customers comment', coalesce(obj_description('public.customers'::regclass, 'pg_class'), '')
        UNION ALL SELECT 'customers manual vacuum/analyze', vacuum_count || '/' || analyze_count
            FROM pg_stat_user_tables WHERE relid = 'public.customers'::regclass
        UNION ALL SELECT 'id sequence', last_value || '/' || is_called FROM public.customers_id_seq
        UNION ALL SELECT 'relations', coalesce(string_agg(n.nspname || '.' || c.relname || ':' || c.relkind::text, ',' ORDER BY n.nspname, c.relname), '')
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
        UNION ALL SELECT 'functions', coalesce(string_agg(p.oid::regprocedure::text, ',' ORDER BY p.oid::regprocedure::text), '')
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
        UNION ALL SELECT 'extensions', string_agg(extname::text, ',' ORDER BY extname) FROM pg_extension
        UNION ALL SELECT 'roles', string_agg(rolname || ':' || rolsuper || rolcreaterole || rolcreatedb || rolcanlogin || rolreplication || rolbypassrls, ',' ORDER BY rolname)
            FROM pg_roles
        UNION ALL SELECT 'memberships', coalesce(string_agg(roleid::regrole::text || '>' || member::regrole::text, ',' ORDER BY roleid::regrole::text, member::regrole::text), '')
            FROM pg_auth_members
        UNION ALL SELECT 'role and database settings', coalesce(string_agg(setdatabase || '/' || setrole || '=' || array_to_string(setconfig, ';'), ',' ORDER BY setdatabase, setrole), '')
            FROM pg_db_role_setting
        UNION ALL SELECT 'schema public privileges', coalesce(nspacl::text, '') FROM pg_namespace WHERE nspname = 'public'
        UNION ALL SELECT 'database privileges', coalesce(datacl::text, '') FROM pg_database WHERE datname = current_database()
        UNION ALL SELECT 'postgresql.auto.conf', md5(pg_read_file('postgresql.auto.conf'))
        UNION ALL SELECT 'large objects', count(*)::text FROM pg_largeobject_metadata
        UNION ALL SELECT 'advisory locks', count(*)::text FROM pg_locks WHERE locktype = 'advisory'
        UNION ALL SELECT 'marked sessions', count(*)::text FROM pg_stat_activity WHERE application_name LIKE 'warden-escape%'
        UNION ALL SELECT 'prepared transactions', count(*)::text FROM pg_prepared_xacts
        UNION ALL SELECT 'escape probe table', CASE WHEN to_regclass('public.warden_escape_probe') IS NULL THEN 'absent' ELSE
            (xpath('/row/c/text()', query_to_xml(
                'SELECT count(*) || '' rows '' || md5(coalesce(string_agg(p::text, '','' ORDER BY p.id), '''')) AS c FROM public.warden_escape_probe p',
                false, true, '')))[1]::text END
        """;

    private readonly NpgsqlConnection _direct;
    private readonly IReadOnlyDictionary<string, string> _before;
    private int _notifications;

    private DatabaseProbe(NpgsqlConnection direct, IReadOnlyDictionary<string, string> before)
    {
        _direct = direct;
        _before = before;
    }

    public static async Task<DatabaseProbe> StartAsync(WardenCluster cluster)
    {
        foreach (var file in EscapeFiles())
        {
            File.Delete(file);
        }
        var direct = new NpgsqlConnection(cluster.DirectConnectionString);
        try
        {
            await direct.OpenAsync();
            await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", direct))
            {
                await listen.ExecuteNonQueryAsync();
            }
            var probe = new DatabaseProbe(direct, await CaptureAsync(direct));
            direct.Notification += (_, e) =>
            {
                if (!e.Payload.StartsWith(SentinelPrefix, StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref probe._notifications);
                }
            };
            return probe;
        }
        catch
        {
            await direct.DisposeAsync();
            throw;
        }
    }

    private const string SentinelPrefix = "warden-probe-sentinel-";

    /// <summary>
    /// Waits until every notification already committed has arrived: PostgreSQL delivers them in commit
    /// order, so once the probe's own sentinel comes back, an escape's earlier NOTIFY has come too.
    /// </summary>
    private async Task DrainNotificationsAsync()
    {
        var sentinel = SentinelPrefix + Guid.NewGuid().ToString("N");
        var seen = false;
        void OnNotification(object? sender, NpgsqlNotificationEventArgs e) => seen |= e.Payload == sentinel;
        _direct.Notification += OnNotification;
        try
        {
            await using (var notify = new NpgsqlCommand($"NOTIFY {Channel}, '{sentinel}'", _direct))
            {
                await notify.ExecuteNonQueryAsync();
            }
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            while (!seen)
            {
                await _direct.WaitAsync(timeout.Token);
            }
        }
        finally
        {
            _direct.Notification -= OnNotification;
        }
    }

    /// <summary>Fails with every difference between now and <see cref="StartAsync"/>.</summary>
    public async Task AssertUnchangedAsync(string what, bool waitForNotifications = false)
    {
        var changes = await DescribeChangesAsync(waitForNotifications);
        Assert.True(changes is null, $"the database changed after {what}:\n{changes}");
    }

    /// <summary>Every difference between now and <see cref="StartAsync"/>, one per line, or null when there is none.</summary>
    public async Task<string?> DescribeChangesAsync(bool waitForNotifications = false)
    {
        if (waitForNotifications)
        {
            await DrainNotificationsAsync();
        }
        var after = await CaptureAsync(_direct);
        var changes = new StringBuilder();
        foreach (var (key, before) in _before)
        {
            var now = after.GetValueOrDefault(key, "(missing)");
            if (now != before)
            {
                changes.AppendLine($"  {key}: {Shorten(before)} → {Shorten(now)}");
            }
        }
        foreach (var file in EscapeFiles())
        {
            changes.AppendLine($"  file written: {file}");
        }
        if (_notifications > 0)
        {
            changes.AppendLine($"  {_notifications} notification(s) on channel {Channel}");
        }
        return changes.Length == 0 ? null : changes.ToString();
    }

    /// <summary>A scalar read directly as superuser.</summary>
    public async Task<string?> ScalarAsync(string sql)
    {
        await using var command = new NpgsqlCommand(sql, _direct);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? null : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var command = new NpgsqlCommand(sql, _direct);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<IReadOnlyDictionary<string, string>> CaptureAsync(NpgsqlConnection direct)
    {
        var state = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand(SnapshotSql, direct);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            state[reader.GetString(0)] = reader.IsDBNull(1) ? "(null)" : reader.GetString(1);
        }
        return state;
    }

    private static string[] EscapeFiles() =>
        Directory.GetFiles(Path.GetDirectoryName(FilePrefix)!, Path.GetFileName(FilePrefix) + "*");

    private static string Shorten(string value) => value.Length <= 300 ? value : value[..300] + "…";

    public async ValueTask DisposeAsync()
    {
        foreach (var file in EscapeFiles())
        {
            File.Delete(file);
        }
        await _direct.DisposeAsync();
    }
}
