using System.Text;
using Warden.Integration.Tests.Fixtures;
using Warden.Integration.Tests.Policy.Support;

namespace Warden.Integration.Tests.Policy;

/// <summary>
/// DESIGN §3 "SQL that hides intent", as the read-only rule ci-read (read, transaction, session): every text
/// that would write, change the session's role or read-only default, or reach the server's files, programs or
/// other sessions is refused with 42501 naming the rule, and afterwards neither the session nor the database
/// has changed. Each text is sent as one simple Query message, exactly as written.
/// </summary>
[Collection(WardenClusterCollection.Name)]
public sealed class ReadOnlyRuleEscapeTests(WardenCluster cluster)
{
    private const string Row1Delete = "DELETE FROM customers WHERE id = 1";

    /// <summary>The rows of <see cref="Escapes"/> with these names, for the suites that rerun a subset another way.</summary>
    public static TheoryData<string, string> EscapesNamed(IEnumerable<string> names)
    {
        var all = Escapes.ToDictionary(row => (string)row[0], row => (string)row[1]);
        var data = new TheoryData<string, string>();
        foreach (var name in names)
        {
            data.Add(name, all[name]);
        }
        return data;
    }

    public static TheoryData<string, string> Escapes => new()
    {
        // Plain writes.
        { "delete", Row1Delete },
        { "update", "UPDATE customers SET name = 'escaped' WHERE id = 1" },
        { "insert", "INSERT INTO customers (name, email, ssn, card_number) VALUES ('x', 'x@example.invalid', '999-00-0000', '4111111111111111')" },
        { "merge", "MERGE INTO customers c USING (SELECT 1 AS id) s ON c.id = s.id WHEN MATCHED THEN DELETE" },
        { "truncate", "TRUNCATE customers" },
        { "select for update", "SELECT * FROM customers WHERE id = 1 FOR UPDATE" },
        { "lower case, tabs and newlines", "delete\tfrom\ncustomers\r\nwhere id = 1" },
        { "quoted table name", "DELETE FROM \"public\".\"customers\" WHERE id = 1" },
        { "unicode-escaped table name", "DELETE FROM U&\"\\0063ustomers\" WHERE id = 1" },

        // Data-modifying CTEs, top level and nested.
        { "cte delete", "WITH gone AS (DELETE FROM customers WHERE id = 1 RETURNING id) SELECT count(*) FROM gone" },
        { "cte update", "WITH moved AS (UPDATE customers SET name = 'escaped' WHERE id = 1 RETURNING id) SELECT * FROM moved" },
        { "cte insert", "WITH added AS (INSERT INTO customers (name, email, ssn, card_number) VALUES ('x', 'x@example.invalid', '999-00-0000', '4111111111111111') RETURNING id) SELECT id FROM added" },
        { "cte write second of two", "WITH harmless AS (SELECT 1 AS one), gone AS (DELETE FROM customers WHERE id = 1 RETURNING id) SELECT one FROM harmless" },
        { "cte nested in cte", "WITH outer_cte AS (WITH gone AS (DELETE FROM customers WHERE id = 1 RETURNING id) SELECT id FROM gone) SELECT * FROM outer_cte" },
        { "cte nested in subquery", "SELECT * FROM (WITH gone AS (DELETE FROM customers WHERE id = 1 RETURNING id) SELECT id FROM gone) AS s" },
        { "cte feeding insert", "WITH src AS (SELECT name, email FROM customers WHERE id = 1) INSERT INTO customers (name, email, ssn, card_number) SELECT name, 'y' || email, '999-00-0000', '4111111111111111' FROM src" },

        // Creating tables from queries.
        { "select into", "SELECT * INTO warden_escape_copy FROM customers" },
        { "select into temp", "SELECT * INTO TEMP warden_escape_copy FROM customers" },
        { "create table as", "CREATE TABLE warden_escape_copy AS SELECT * FROM customers" },
        { "create temp table as", "CREATE TEMP TABLE warden_escape_copy AS SELECT * FROM customers" },
        { "create materialized view", "CREATE MATERIALIZED VIEW warden_escape_mv AS SELECT * FROM customers" },
        { "create table as execute", "CREATE TABLE warden_escape_copy AS EXECUTE warden_escape_p" },

        // EXPLAIN ANALYZE runs the statement.
        { "explain analyze delete", "EXPLAIN ANALYZE DELETE FROM customers WHERE id = 1" },
        { "explain analyse (british) delete", "EXPLAIN ANALYSE DELETE FROM customers WHERE id = 1" },
        { "explain (analyze, buffers) delete", "EXPLAIN (ANALYZE, BUFFERS) DELETE FROM customers WHERE id = 1" },
        { "explain (analyze true) delete", "EXPLAIN (ANALYZE true) DELETE FROM customers WHERE id = 1" },
        { "explain (analyze on, costs off) update", "EXPLAIN (ANALYZE on, COSTS off) UPDATE customers SET name = 'escaped' WHERE id = 1" },
        { "explain (format json, analyze) insert", "EXPLAIN (FORMAT JSON, ANALYZE) INSERT INTO customers (name, email, ssn, card_number) VALUES ('x', 'x@example.invalid', '999-00-0000', '4111111111111111')" },
        { "explain analyze create table as", "EXPLAIN ANALYZE CREATE TABLE warden_escape_copy AS SELECT * FROM customers" },
        { "explain analyze nextval", "EXPLAIN ANALYZE SELECT nextval('customers_id_seq')" },
        // PostgreSQL takes a quoted option name as the option: "analyze" is ANALYZE (ExplainQuery compares defname).
        { "explain (\"analyze\") delete", "EXPLAIN (\"analyze\") DELETE FROM customers WHERE id = 1" },
        { "explain (\"analyze\") advisory lock", "EXPLAIN (\"analyze\", COSTS off) SELECT pg_advisory_lock(4242)" },
        { "explain (u&\"analyze\") advisory lock", "EXPLAIN (U&\"\\0061nalyze\") SELECT pg_advisory_lock(4242)" },

        // PREPARE / EXECUTE.
        { "prepare delete", "PREPARE warden_escape_p AS DELETE FROM customers WHERE id = 1" },
        { "prepare update", "PREPARE warden_escape_p AS UPDATE customers SET name = 'escaped' WHERE id = 1" },
        { "prepare update with parameter", "PREPARE warden_escape_p(int) AS UPDATE customers SET name = 'escaped' WHERE id = $1" },
        { "execute unknown statement", "EXECUTE warden_escape_p" },
        { "prepare and execute delete", "PREPARE warden_escape_p AS DELETE FROM customers WHERE id = 1; EXECUTE warden_escape_p" },
        { "prepare read, replace with delete, execute", "PREPARE warden_escape_p AS SELECT 1; DEALLOCATE warden_escape_p; PREPARE warden_escape_p AS DELETE FROM customers WHERE id = 1; EXECUTE warden_escape_p" },

        // Procedural code.
        { "do block", "DO $$BEGIN DELETE FROM customers WHERE id = 1; END$$" },
        { "do block tagged dollar quote", "DO $x$ BEGIN PERFORM set_config('application_name', 'warden-escape-marker', false); END $x$" },
        { "do block with language", "DO LANGUAGE plpgsql $body$BEGIN PERFORM pg_advisory_lock(4242); END$body$" },
        { "do block as plain string", "DO 'BEGIN PERFORM pg_advisory_lock(4242); END'" },
        { "call", "CALL warden_escape_proc()" },

        // Turning the read-only default off.
        { "set_config read-only off", "SELECT set_config('default_transaction_read_only', 'off', false)" },
        { "set_config transaction read-only off", "SELECT set_config('transaction_read_only', 'off', true)" },
        { "set read-only off", "SET default_transaction_read_only = off" },
        { "set read-only 'off'", "SET default_transaction_read_only = 'off'" },
        { "set local read-only off", "SET LOCAL default_transaction_read_only TO false" },
        { "set read-only to default", "SET default_transaction_read_only TO DEFAULT" },
        { "reset read-only", "RESET default_transaction_read_only" },
        { "set transaction_read_only off", "SET transaction_read_only = off" },
        { "set session characteristics read write", "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE" },
        { "set transaction read write", "SET TRANSACTION READ WRITE" },
        { "begin read write", "BEGIN READ WRITE" },
        { "start transaction read write", "START TRANSACTION READ WRITE" },
        { "begin isolation level, read write", "BEGIN ISOLATION LEVEL SERIALIZABLE, READ WRITE" },
        { "begin read only, read write", "BEGIN READ ONLY, READ WRITE" },

        // Changing role.
        { "set role postgres", "SET ROLE postgres" },
        { "set role writer", "SET ROLE demo_writer" },
        { "set session authorization", "SET SESSION AUTHORIZATION postgres" },
        { "reset role", "RESET ROLE" },
        { "reset session authorization", "RESET SESSION AUTHORIZATION" },
        { "set_config role", "SELECT set_config('role', 'postgres', false)" },
        { "set_config session_authorization", "SELECT set_config('session_authorization', 'postgres', false)" },
        { "set_config computed name", "SELECT set_config(lower('ROLE'), 'postgres', false)" },
        { "set \"role\" as a setting", "SET \"role\" = 'postgres'" },
        { "session_replication_role", "SET session_replication_role = replica" },

        // COPY with a program or a server file.
        { "copy to program", $"COPY customers TO PROGRAM 'cat > {DatabaseProbe.FilePrefix}program-out'" },
        { "copy from program", $"COPY customers FROM PROGRAM 'touch {DatabaseProbe.FilePrefix}program-in'" },
        { "copy query to program", $"COPY (SELECT 1) TO PROGRAM 'touch {DatabaseProbe.FilePrefix}program-query'" },
        { "copy to server file", $"COPY customers TO '{DatabaseProbe.FilePrefix}copy.csv'" },
        { "copy from server file", "COPY customers FROM '/etc/passwd'" },
        { "copy from stdin", "COPY customers FROM STDIN" },

        // Server files, large objects, other databases.
        { "pg_read_file", "SELECT pg_read_file('/etc/passwd')" },
        { "pg_read_binary_file", "SELECT pg_read_binary_file('/etc/passwd')" },
        { "pg_ls_dir in from", "SELECT * FROM pg_ls_dir('.')" },
        { "pg_stat_file", "SELECT pg_stat_file('postgresql.conf')" },
        { "lo_import", "SELECT lo_import('/etc/passwd')" },
        { "lo_export", $"SELECT lo_export(0, '{DatabaseProbe.FilePrefix}lo')" },
        { "lo_create", "SELECT lo_create(0)" },
        { "lo_from_bytea", "SELECT lo_from_bytea(0, '\\x00')" },
        { "dblink_exec (no extension)", "SELECT dblink_exec('dbname=demo', 'DELETE FROM customers WHERE id = 1')" },
        { "dblink in from (no extension)", "SELECT * FROM dblink('dbname=demo', 'SELECT 1') AS t(x int)" },
        { "query_to_xml runs a string", "SELECT query_to_xml('SELECT pg_advisory_lock(4242)', true, true, '')" },

        // Sequences (customers.id is an identity column backed by customers_id_seq).
        { "nextval", "SELECT nextval('customers_id_seq')" },
        { "setval", "SELECT setval('customers_id_seq', 1)" },
        { "nextval of serial sequence", "SELECT nextval(pg_get_serial_sequence('public.customers', 'id'))" },
        { "nextval quoted", "SELECT \"nextval\"('customers_id_seq')" },
        { "nextval in values", "VALUES (nextval('customers_id_seq'))" },

        // Locks and notifications reach other sessions.
        { "pg_advisory_lock", "SELECT pg_advisory_lock(4242)" },
        { "pg_try_advisory_lock", "SELECT pg_try_advisory_lock(4242)" },
        { "pg_advisory_xact_lock", "SELECT pg_advisory_xact_lock(4242)" },
        { "notify", $"NOTIFY {DatabaseProbe.Channel}, 'escaped'" },
        { "pg_notify", $"SELECT pg_notify('{DatabaseProbe.Channel}', 'escaped')" },
        { "lock table", "LOCK TABLE customers" },
        { "lock table access share", "LOCK TABLE customers IN ACCESS SHARE MODE" },

        // Maintenance.
        { "vacuum table", "VACUUM customers" },
        { "vacuum full", "VACUUM (FULL) customers" },
        { "vacuum everything", "VACUUM" },
        { "analyze", "ANALYZE customers" },
        { "reindex", "REINDEX TABLE customers" },
        { "cluster", "CLUSTER customers USING customers_pkey" },
        { "checkpoint", "CHECKPOINT" },

        // Privileges, roles, server settings.
        { "grant", "GRANT SELECT ON customers TO PUBLIC" },
        { "grant role", "GRANT pg_read_server_files TO demo_reader" },
        { "revoke", "REVOKE SELECT ON customers FROM demo_reader" },
        { "create role", "CREATE ROLE warden_escape_role SUPERUSER LOGIN" },
        { "alter role superuser", "ALTER ROLE demo_reader SUPERUSER" },
        { "alter role set read-only off", "ALTER ROLE demo_reader SET default_transaction_read_only = off" },
        { "alter database set", "ALTER DATABASE demo SET default_transaction_read_only = off" },
        { "alter system", "ALTER SYSTEM SET default_transaction_read_only = off" },
        { "alter system reset all", "ALTER SYSTEM RESET ALL" },

        // DDL.
        { "create table", "CREATE TABLE warden_escape_t (id int)" },
        { "create temp table", "CREATE TEMP TABLE warden_escape_t (id int)" },
        { "create function", "CREATE FUNCTION warden_escape_f() RETURNS int LANGUAGE sql AS 'SELECT 1'" },
        { "comment on", "COMMENT ON TABLE customers IS 'escaped'" },
        { "drop table", "DROP TABLE customers" },
        { "alter table drop column", "ALTER TABLE customers DROP COLUMN ssn" },
        { "create extension", "CREATE EXTENSION dblink" },

        // Hidden by comments.
        { "block comment before", "/* */ DELETE FROM customers WHERE id = 1" },
        { "line comment before", "-- x\nDELETE FROM customers WHERE id = 1" },
        { "line comment ended by carriage return", "SELECT 1; -- x\rDELETE FROM customers WHERE id = 1" },
        { "nested block comment before", "/* outer /* inner */ still a comment */ DELETE FROM customers WHERE id = 1" },
        { "comments between every word", "/**/DELETE/**/FROM/**/customers/**/WHERE/**/id = 1" },
        { "comment inside keyword gap", "DELETE--x\nFROM customers WHERE id = 1" },

        // Hidden by dollar quoting and quoted or Unicode identifiers.
        { "dollar-quoted do", "DO $x$ BEGIN DELETE FROM customers WHERE id = 1; END $x$" },
        { "quoted function name", "SELECT \"pg_read_file\"('/etc/passwd')" },
        { "unicode function name", "SELECT U&\"\\0070g_read_file\"('/etc/passwd')" },
        { "unicode function name, own escape", "SELECT U&\"!0070g_read_file\" UESCAPE '!' ('/etc/passwd')" },
        { "upper-case function name", "SELECT PG_CATALOG.PG_READ_FILE('/etc/passwd')" },
        { "schema-qualified set_config", "SELECT pg_catalog.set_config('role', 'postgres', false)" },
        { "quoted schema-qualified set_config", "SELECT \"pg_catalog\".\"set_config\"('default_transaction_read_only', 'off', false)" },
        { "unicode set_config", "SELECT U&\"\\0073et_config\"('role', 'postgres', false)" },
        { "spaced schema qualification", "SELECT pg_catalog . pg_read_file ('/etc/passwd')" },
        { "database-qualified function", "SELECT demo.pg_catalog.pg_read_file('/etc/passwd')" },
        { "comment between name and parenthesis", "SELECT pg_read_file/**/('/etc/passwd')" },
        { "function in from", "SELECT * FROM pg_catalog.pg_read_file('/etc/passwd')" },
        { "set_config with named arguments", "SELECT set_config(setting_name => 'role', new_value => 'postgres', is_local => false)" },
        { "set_config with dollar-quoted name", "SELECT set_config($$role$$, 'postgres', false)" },

        // Several statements in one simple Query: a write anywhere means nothing runs.
        { "select then delete", "SELECT 1; DELETE FROM customers WHERE id = 1" },
        { "marker then delete", $"SET application_name = '{DatabaseProbe.SessionMarker}'; DELETE FROM customers WHERE id = 1" },
        { "set_config marker then update", $"SELECT set_config('application_name', '{DatabaseProbe.SessionMarker}', false); UPDATE customers SET name = 'escaped' WHERE id = 1" },
        { "listen then delete", $"LISTEN {DatabaseProbe.Channel}; DELETE FROM customers WHERE id = 1" },
        { "nextval then delete", "SELECT nextval('customers_id_seq'); DELETE FROM customers WHERE id = 1" },
        { "transaction around delete", "BEGIN; DELETE FROM customers WHERE id = 1; COMMIT" },
        { "two reads then pg_read_file", "SELECT 1; SELECT 2; SELECT pg_read_file('/etc/passwd')" },
        { "semicolon in string, then delete", "SELECT 'a;b'; DELETE FROM customers WHERE id = 1" },
        { "semicolon in dollar quote, then delete", "SELECT $$;$$; DELETE FROM customers WHERE id = 1" },
        { "semicolon in comment, then delete", "SELECT 1 /* ; */; DELETE FROM customers WHERE id = 1" },
        { "marker then set role", $"SET application_name = '{DatabaseProbe.SessionMarker}'; SET ROLE postgres" },
        { "cursor over a lock", "BEGIN; DECLARE warden_c CURSOR FOR SELECT pg_advisory_lock(4242); FETCH 1 FROM warden_c; COMMIT" },
        { "marker then do", $"SET application_name = '{DatabaseProbe.SessionMarker}'; DO $$BEGIN END$$" },
    };

    [Theory]
    [MemberData(nameof(Escapes))]
    public Task Escape_RefusedAndNothingChanged(string name, string sql)
    {
        _ = name;
        return Refusal.AssertSimpleQueryRefusedAsync(cluster, EdgeTokens.Ci, sql, Expected.NotAllowed);
    }

    [Fact]
    public async Task PrepareThenExecute_InSeparateMessages_BothRefused()
    {
        await using var probe = await DatabaseProbe.StartAsync(cluster);
        await using var session = await SimpleQuerySession.OpenAsync(cluster, EdgeTokens.Ci);
        const string prepare = "PREPARE warden_escape_p AS DELETE FROM customers WHERE id = 1";
        await Refusal.AssertRefusedAsync(cluster, probe, session, prepare, Encoding.UTF8.GetBytes(prepare), Expected.NotAllowed);
        await Refusal.AssertRefusedAsync(cluster, probe, session, "EXECUTE warden_escape_p", "EXECUTE warden_escape_p"u8.ToArray(), Expected.NotAllowed);
    }

    [Fact]
    public async Task Dblink_ExtensionInstalled_StillRefused()
    {
        await using var setup = await DatabaseProbe.StartAsync(cluster);
        await setup.ExecuteAsync("CREATE EXTENSION IF NOT EXISTS dblink");
        try
        {
            await Refusal.AssertSimpleQueryRefusedAsync(cluster, EdgeTokens.Ci,
                "SELECT dblink_exec('dbname=demo user=postgres', 'DELETE FROM customers WHERE id = 1')", Expected.NotAllowed);
            await Refusal.AssertSimpleQueryRefusedAsync(cluster, EdgeTokens.Ci,
                "SELECT * FROM dblink('dbname=demo', 'SELECT pg_advisory_lock(4242)') AS t(x text)", Expected.NotAllowed);
            await Refusal.AssertSimpleQueryRefusedAsync(cluster, EdgeTokens.Ci,
                "SELECT dblink_connect('warden_escape', 'dbname=demo')", Expected.NotAllowed);
        }
        finally
        {
            await setup.ExecuteAsync("DROP EXTENSION IF EXISTS dblink");
        }
    }

    /// <summary>
    /// The gateway reads SQL as UTF-8. A client encoding in which a multi-byte character can end in a backslash
    /// (SJIS: 0x95 0x5C is 表) makes the server end a string where the gateway sees an escaped quote, so text the
    /// gateway judged to be one string literal runs as statements. Payload: turn the read-only default off and
    /// take an advisory lock — both work in a read-only reader session, so only Warden can stop them.
    /// </summary>
    [Theory]
    [InlineData("set client_encoding sjis", "SET client_encoding = 'SJIS'", null)]
    [InlineData("set names win932", "SET NAMES 'WIN932'", null)]
    [InlineData("set_config client_encoding shiftjis", "SELECT set_config('client_encoding', 'Shift JIS', false)", null)]
    [InlineData("startup client_encoding win932", null, "WIN932")]
    public async Task MultiByteClientEncoding_StatementHiddenInString_Refused(string name, string? switchSql, string? startupEncoding)
    {
        _ = name;
        await using var probe = await DatabaseProbe.StartAsync(cluster);
        SimpleQuerySession session;
        try
        {
            session = startupEncoding is null
                ? await SimpleQuerySession.OpenAsync(cluster, EdgeTokens.Ci)
                : await SimpleQuerySession.OpenAsync(cluster, EdgeTokens.Ci, ("client_encoding", startupEncoding));
        }
        catch (InvalidOperationException refused) when (startupEncoding is not null)
        {
            // Refusing an unsafe encoding at login is a fine answer too.
            Assert.Contains("encoding", refused.Message, StringComparison.OrdinalIgnoreCase);
            return;
        }
        await using (session)
        {
            if (switchSql is not null)
            {
                var switched = await session.QueryAsync(switchSql);
                if (switched.Errors.Count > 0)
                {
                    // Refusing the switch is a fine answer too, as long as it is Warden's.
                    Assert.Equal("42501", switched.Errors[0].SqlState);
                    await probe.AssertUnchangedAsync(switchSql);
                    return;
                }
            }
            var hidden = "SELECT set_config('default_transaction_read_only', 'off', false), pg_advisory_lock(4242); --";
            byte[] bytes = [.. "SELECT E'"u8, 0x95, 0x5C, .. "'; "u8, .. Encoding.ASCII.GetBytes(hidden), .. "'"u8];
            var described = $"[client encoding SJIS] SELECT E'<0x95 0x5C>'; {hidden}'  (as UTF-8 the gateway reads: {Encoding.UTF8.GetString(bytes)})";
            await Refusal.AssertRefusedAsync(cluster, probe, session, described, bytes, Expected.NotAllowed);
        }
    }

    /// <summary>
    /// standard_conforming_strings is on the startup pass-through list, but the gateway always lexes with it on.
    /// With it off, <c>'x\''</c> is one string (<c>x'</c>) to the server and a string plus the start of another to
    /// the gateway, so the rest of the text runs unjudged.
    /// </summary>
    [Theory]
    [InlineData("startup parameter", "standard_conforming_strings", "off")]
    [InlineData("startup options -c", "options", "-c standard_conforming_strings=off")]
    public async Task StandardConformingStringsOffAtStartup_StatementHiddenInString_Refused(string name, string parameter, string value)
    {
        _ = name;
        await using var probe = await DatabaseProbe.StartAsync(cluster);
        SimpleQuerySession session;
        try
        {
            session = await SimpleQuerySession.OpenAsync(cluster, EdgeTokens.Ci, (parameter, value));
        }
        catch (InvalidOperationException refused)
        {
            // Refusing the setting at login is a fine answer too.
            Assert.Contains("standard_conforming_strings", refused.Message, StringComparison.Ordinal);
            return;
        }
        await using (session)
        {
            const string sql = "SELECT 'x\\''; SELECT set_config('default_transaction_read_only', 'off', false), pg_advisory_lock(4242); --'";
            await Refusal.AssertRefusedAsync(cluster, probe, session, $"[{parameter}={value}] {sql}", Encoding.UTF8.GetBytes(sql), Expected.NotAllowed);
        }
    }
}
