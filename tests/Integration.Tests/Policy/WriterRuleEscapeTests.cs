using System.Text;
using Npgsql;
using Warden.Integration.Tests.Fixtures;
using Warden.Integration.Tests.Policy.Support;

namespace Warden.Integration.Tests.Policy;

/// <summary>
/// The writer rule agents (read, write, transaction, session allowed; ddl, dcl, destructive need approval — refused
/// with 42501 until approvals exist; admin denied). Writes really happen and are undone directly afterwards;
/// everything needing approval or denied is refused with a message saying which, and changes nothing — also when
/// an allowed write shares its simple Query. Destructive escapes aim at a scratch table the writer may really
/// empty (<see cref="DatabaseProbe.ScratchTable"/>, created fresh for every test), so a hole shows as lost rows.
/// </summary>
[Collection(WardenClusterCollection.Name)]
public sealed class WriterRuleEscapeTests(WardenCluster cluster) : IAsyncLifetime
{
    private const string Scratch = DatabaseProbe.ScratchTable;

    public static TheoryData<string, string, string, string> AppliedWrites => new()
    {
        { "update with where", "UPDATE customers SET name = 'warden-agent' WHERE id = 995", "SELECT name FROM customers WHERE id = 995", "warden-agent" },
        { "insert", "INSERT INTO customers (name, email, ssn, card_number) VALUES ('warden-agent', 'warden-agent@example.invalid', '999-00-0001', '4000000000000002')",
            "SELECT count(*) FROM customers WHERE email = 'warden-agent@example.invalid'", "1" },
        { "delete with where", "DELETE FROM customers WHERE id = 996", "SELECT count(*) FROM customers WHERE id = 996", "0" },
        { "cte update", "WITH moved AS (UPDATE customers SET name = 'warden-agent-cte' WHERE id = 997 RETURNING id) SELECT count(*) FROM moved",
            "SELECT name FROM customers WHERE id = 997", "warden-agent-cte" },
        { "merge update", "MERGE INTO customers c USING (VALUES (998, 'warden-agent-merge')) AS s(id, name) ON c.id = s.id WHEN MATCHED THEN UPDATE SET name = s.name",
            "SELECT name FROM customers WHERE id = 998", "warden-agent-merge" },
        { "nextval", "SELECT nextval('customers_id_seq')", "SELECT last_value > 1000 FROM customers_id_seq", "True" },
        { "transaction committed", "BEGIN; UPDATE customers SET name = 'warden-agent-tx' WHERE id = 999; COMMIT", "SELECT name FROM customers WHERE id = 999", "warden-agent-tx" },
        { "scratch delete with where", $"DELETE FROM {Scratch} WHERE id = 1", $"SELECT count(*) FROM {Scratch}", "2" },
    };

    public static TheoryData<string, string> NeedApproval => new()
    {
        { "drop table", "DROP TABLE customers" },
        { "drop scratch table", $"DROP TABLE IF EXISTS {Scratch}" },
        { "truncate", "TRUNCATE customers" },
        { "truncate scratch", $"TRUNCATE {Scratch}" },
        { "delete without where", "DELETE FROM customers" },
        { "scratch delete without where", $"DELETE FROM {Scratch}" },
        { "scratch delete only, with alias", $"DELETE FROM ONLY {Scratch} AS s" },
        { "scratch delete where true", $"DELETE FROM {Scratch} WHERE true" },
        { "scratch delete where 1 = 1", $"DELETE FROM {Scratch} WHERE 1 = 1" },
        { "scratch update without where", $"UPDATE {Scratch} SET note = 'wiped'" },
        { "scratch cte delete without where", $"WITH gone AS (DELETE FROM {Scratch} RETURNING id) SELECT count(*) FROM gone" },
        { "scratch merge delete", $"MERGE INTO {Scratch} p USING {Scratch} s ON p.id = s.id WHEN MATCHED THEN DELETE" },
        { "scratch explain analyze delete", $"EXPLAIN ANALYZE DELETE FROM {Scratch}" },
        { "scratch prepare delete", $"PREPARE warden_escape_p AS DELETE FROM {Scratch}" },
        { "scratch prepare update without where", $"PREPARE warden_escape_p AS UPDATE {Scratch} SET note = 'wiped'" },
        { "alter table drop column", "ALTER TABLE customers DROP COLUMN ssn" },
        { "scratch alter table drop column", $"ALTER TABLE {Scratch} DROP COLUMN note" },
        { "grant", "GRANT SELECT ON customers TO PUBLIC" },
        { "scratch grant", $"GRANT ALL ON {Scratch} TO PUBLIC" },
        { "revoke", "REVOKE SELECT ON customers FROM demo_reader" },
        { "create role", "CREATE ROLE warden_escape_role" },
        { "create table", "CREATE TABLE warden_escape_t (id int)" },
        { "create table as", "CREATE TABLE warden_escape_t AS SELECT * FROM customers" },
        { "select into", "SELECT * INTO warden_escape_t FROM customers" },
        { "create function", "CREATE FUNCTION warden_escape_f() RETURNS int LANGUAGE sql AS 'SELECT 1'" },

        // Hidden.
        { "comment before drop", "/* harmless */ DROP TABLE customers" },
        { "line comment before truncate", $"-- cleanup\nTRUNCATE {Scratch}" },
        { "comments between words", $"DELETE/**/FROM/**/{Scratch}" },
        { "quoted scratch name", $"DELETE FROM \"{Scratch}\"" },

        // An allowed write sharing the simple Query must not be applied either.
        { "update then drop", "UPDATE customers SET name = 'warden-agent' WHERE id = 990; DROP TABLE customers" },
        { "insert then truncate", "INSERT INTO customers (name, email, ssn, card_number) VALUES ('warden-agent', 'warden-agent@example.invalid', '999-00-0001', '4000000000000002'); TRUNCATE customers" },
        { "update then scratch delete without where", $"UPDATE customers SET name = 'warden-agent' WHERE id = 990; DELETE FROM {Scratch}" },
        { "scratch delete with where then grant", $"DELETE FROM {Scratch} WHERE id = 1; GRANT ALL ON {Scratch} TO PUBLIC" },
        { "transaction: update then drop column", $"BEGIN; UPDATE {Scratch} SET note = 'x' WHERE id = 1; ALTER TABLE {Scratch} DROP COLUMN note; COMMIT" },

        // PostgreSQL runs EXPLAIN ("analyze") like EXPLAIN ANALYZE.
        { "scratch explain (\"analyze\") delete", $"EXPLAIN (\"analyze\") DELETE FROM {Scratch}" },

        // A WHERE that is true for every row, spelled so simply that no column decides it.
        { "scratch delete where (true)", $"DELETE FROM {Scratch} WHERE (true)" },
        { "scratch delete where 2 > 1", $"DELETE FROM {Scratch} WHERE 2 > 1" },
        { "scratch delete where true and true", $"DELETE FROM {Scratch} WHERE true AND true" },
        { "scratch delete where id = 1 or true", $"DELETE FROM {Scratch} WHERE id = 1 OR true" },
    };

    public static TheoryData<string, string> DeniedAdmin => new()
    {
        { "set role", "SET ROLE postgres" },
        { "set session authorization", "SET SESSION AUTHORIZATION postgres" },
        { "reset role", "RESET ROLE" },
        { "set_config role", "SELECT set_config('role', 'postgres', false)" },
        { "copy to program", $"COPY customers TO PROGRAM 'cat > {DatabaseProbe.FilePrefix}agent-program'" },
        { "copy from program", $"COPY {Scratch} FROM PROGRAM 'echo 9,escaped'" },
        { "copy to server file", $"COPY customers TO '{DatabaseProbe.FilePrefix}agent.csv'" },
        { "copy from server file", $"COPY {Scratch} (note) FROM '/etc/hostname'" },
        { "pg_terminate_backend of every other session", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND datname = 'demo'" },
        { "pg_cancel_backend", "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid()" },
        { "pg_read_file", "SELECT pg_read_file('/etc/passwd')" },
        { "lo_import", "SELECT lo_import('/etc/passwd')" },
        { "dblink_exec", $"SELECT dblink_exec('dbname=demo', 'DELETE FROM {Scratch}')" },
        { "alter system", "ALTER SYSTEM SET work_mem = '1GB'" },
        { "vacuum", "VACUUM customers" },
        { "checkpoint", "CHECKPOINT" },
        { "create extension (ddl and admin: deny wins)", "CREATE EXTENSION dblink" },
        { "update then set role", "UPDATE customers SET name = 'warden-agent' WHERE id = 990; SET ROLE postgres" },
        { "unicode pg_read_file", "SELECT U&\"\\0070g_read_file\"('/etc/passwd')" },
    };

    public async Task InitializeAsync()
    {
        await using var direct = new NpgsqlConnection(cluster.DirectConnectionString);
        await direct.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"""
            DROP TABLE IF EXISTS public.{Scratch};
            CREATE TABLE public.{Scratch} (id int PRIMARY KEY, note text);
            INSERT INTO public.{Scratch} VALUES (1, 'one'), (2, 'two'), (3, 'three');
            GRANT SELECT, INSERT, UPDATE, DELETE ON public.{Scratch} TO demo_writer;
            GRANT SELECT ON public.{Scratch} TO demo_reader;
            """, direct);
        await command.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        await using var direct = new NpgsqlConnection(cluster.DirectConnectionString);
        await direct.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP TABLE IF EXISTS public.{Scratch}", direct);
        await command.ExecuteNonQueryAsync();
    }

    [Theory]
    [MemberData(nameof(AppliedWrites))]
    public async Task Write_AllowedAndApplied(string name, string sql, string check, string expected)
    {
        _ = name;
        await using var probe = await DatabaseProbe.StartAsync(cluster);
        var sequence = await probe.ScalarAsync("SELECT last_value || ',' || is_called FROM customers_id_seq");
        await probe.ExecuteAsync("CREATE TEMP TABLE warden_saved AS SELECT * FROM customers WHERE id BETWEEN 990 AND 1000");
        try
        {
            await using (var session = await SimpleQuerySession.OpenAsync(cluster, EdgeTokens.Agents))
            {
                var result = await session.QueryAsync(sql);
                Assert.True(result.Errors.Count == 0,
                    $"allowed write refused: {sql}\n{result}\n{await EdgeTokens.EvaluateAsync(cluster, sql, EdgeTokens.Agents)}");
            }
            Assert.Equal(expected, await probe.ScalarAsync(check));
        }
        finally
        {
            await probe.ExecuteAsync(
                $"""
                DELETE FROM customers WHERE id > 1000 OR id BETWEEN 990 AND 1000;
                INSERT INTO customers SELECT * FROM warden_saved;
                DROP TABLE warden_saved;
                SELECT setval('customers_id_seq', {sequence!.Split(',')[0]}, {sequence.Split(',')[1]});
                DROP TABLE public.{Scratch};
                CREATE TABLE public.{Scratch} (id int PRIMARY KEY, note text);
                INSERT INTO public.{Scratch} VALUES (1, 'one'), (2, 'two'), (3, 'three');
                GRANT SELECT, INSERT, UPDATE, DELETE ON public.{Scratch} TO demo_writer;
                GRANT SELECT ON public.{Scratch} TO demo_reader;
                """);
        }
        // The clean-up itself is checked: the database is back to the picture taken before the write.
        await probe.AssertUnchangedAsync("restoring " + name);
    }

    [Theory]
    [MemberData(nameof(NeedApproval))]
    public Task NeedsApproval_RefusedAndNothingChanged(string name, string sql)
    {
        _ = name;
        return Refusal.AssertSimpleQueryRefusedAsync(cluster, EdgeTokens.Agents, sql, Expected.ApprovalRequired);
    }

    [Theory]
    [MemberData(nameof(DeniedAdmin))]
    public Task Admin_DeniedAndNothingChanged(string name, string sql)
    {
        _ = name;
        return Refusal.AssertSimpleQueryRefusedAsync(cluster, EdgeTokens.Agents, sql, Expected.DeniedAdmin);
    }

    [Theory]
    [InlineData("do block", "DO $$BEGIN DELETE FROM warden_escape_probe; END$$")]
    [InlineData("call", "CALL warden_escape_proc()")]
    [InlineData("execute of a statement the gateway never saw", "EXECUTE warden_escape_p")]
    public Task Unknown_RefusedAndNothingChanged(string name, string sql)
    {
        _ = name;
        return Refusal.AssertSimpleQueryRefusedAsync(cluster, EdgeTokens.Agents, sql, Expected.NotAllowed);
    }

    [Fact]
    public async Task TerminateBackend_OfAnotherWriterSession_DeniedAndVictimLives()
    {
        var seed = cluster.Seed;
        var victimConnection = new NpgsqlConnectionStringBuilder
        {
            Host = seed.Host, Port = seed.Port, Database = seed.TargetDatabase, Username = seed.Writer.User, Password = seed.Writer.Password, Pooling = false,
        };
        await using var victim = new NpgsqlConnection(victimConnection.ConnectionString);
        await victim.OpenAsync();
        await Refusal.AssertSimpleQueryRefusedAsync(cluster, EdgeTokens.Agents, $"SELECT pg_terminate_backend({victim.ProcessID})", Expected.DeniedAdmin);
        await using var alive = new NpgsqlCommand("SELECT 1", victim);
        Assert.Equal(1, await alive.ExecuteScalarAsync());
    }

    /// <summary>
    /// SQL-level PREPARE and protocol-level Parse share one namespace, so a statement prepared with PREPARE in
    /// a simple Query can be run by an extended-protocol Bind/Execute, which the gateway does not judge (only
    /// Parse carries SQL). That is fine only if PREPARE itself carries the classes of what it prepares.
    /// </summary>
    [Fact]
    public async Task SqlPreparedUpdateWithoutWhere_RunByExtendedProtocolBind_NeedsApproval()
    {
        await using var probe = await DatabaseProbe.StartAsync(cluster);
        await using var session = await SimpleQuerySession.OpenAsync(cluster, EdgeTokens.Agents);
        var prepareSql = $"PREPARE warden_escape_p AS UPDATE {Scratch} SET note = 'wiped'";
        var prepare = await session.QueryAsync(prepareSql);
        var problems = new List<string>();
        Refusal.CheckRefusal(problems, prepare.Errors.FirstOrDefault(), EdgeTokens.Agents, Expected.ApprovalRequired, $"PREPARE ran: {prepare}");
        // Bind the SQL-prepared statement by name, Execute, Sync: no Parse, so no SQL for the gateway to judge.
        await session.SendRawAsync([
            .. Message('B', [.. CString(string.Empty), .. CString("warden_escape_p"), 0, 0, 0, 0, 0, 0]),
            .. Message('E', [.. CString(string.Empty), 0, 0, 0, 0]),
            .. Message('S', []),
        ]);
        var bound = await session.ReadUntilReadyAsync();
        if (bound.CommandTags.Count > 0)
        {
            problems.Add($"Bind/Execute of warden_escape_p ran: {bound}");
        }
        var changes = await probe.DescribeChangesAsync();
        if (changes is not null)
        {
            problems.Add($"the database changed:\n{changes}");
        }
        await Refusal.ReportAsync(cluster, problems, prepareSql + "  (then Bind/Execute of warden_escape_p)", EdgeTokens.Agents, prepareSql);
    }

    private static byte[] CString(string value) => [.. Encoding.UTF8.GetBytes(value), 0];

    private static byte[] Message(char type, byte[] body)
    {
        var length = 4 + body.Length;
        return [(byte)type, (byte)(length >> 24), (byte)(length >> 16), (byte)(length >> 8), (byte)length, .. body];
    }

    /// <summary>The multi-byte client encoding hole (see ReadOnlyRuleEscapeTests) as a writer: the hidden statement empties the scratch table.</summary>
    [Fact]
    public async Task ClientEncodingSjis_DestructiveStatementHiddenInString_RefusedAsNeedingApproval()
    {
        await using var probe = await DatabaseProbe.StartAsync(cluster);
        await using var session = await SimpleQuerySession.OpenAsync(cluster, EdgeTokens.Agents);
        var switched = await session.QueryAsync("SET client_encoding = 'SJIS'");
        if (switched.Errors.Count > 0)
        {
            Assert.Equal("42501", switched.Errors[0].SqlState);
            return;
        }
        var hidden = $"DELETE FROM {Scratch}; --";
        byte[] bytes = [.. "SELECT E'"u8, 0x95, 0x5C, .. "'; "u8, .. Encoding.ASCII.GetBytes(hidden), .. "'"u8];
        await Refusal.AssertRefusedAsync(cluster, probe, session, $"[client encoding SJIS] SELECT E'<0x95 0x5C>'; {hidden}'", bytes, Expected.ApprovalRequired);
    }

    /// <summary>The standard_conforming_strings hole (see ReadOnlyRuleEscapeTests) as a writer.</summary>
    [Fact]
    public async Task StandardConformingStringsOffAtStartup_DestructiveStatementHiddenInString_RefusedAsNeedingApproval()
    {
        await using var probe = await DatabaseProbe.StartAsync(cluster);
        SimpleQuerySession session;
        try
        {
            session = await SimpleQuerySession.OpenAsync(cluster, EdgeTokens.Agents, ("options", "-c standard_conforming_strings=off"));
        }
        catch (InvalidOperationException refused)
        {
            Assert.Contains("standard_conforming_strings", refused.Message, StringComparison.Ordinal);
            return;
        }
        await using (session)
        {
            var sql = $"SELECT 'x\\''; DELETE FROM {Scratch}; --'";
            await Refusal.AssertRefusedAsync(cluster, probe, session, "[standard_conforming_strings=off] " + sql, Encoding.UTF8.GetBytes(sql), Expected.ApprovalRequired);
        }
    }
}
