using Warden.Integration.Tests.Fixtures;
using Warden.Integration.Tests.Policy.Support;

namespace Warden.Integration.Tests.Policy;

/// <summary>
/// Texts that only look like escapes — key words in strings, comments, quoted identifiers and dollar quotes,
/// EXPLAIN without ANALYZE, read-only transactions, harmless settings — are allowed for the read-only rule and
/// return what PostgreSQL returns, and nothing changes. Refusing them would make the gateway unusable for the
/// SQL that tools and people write every day.
/// </summary>
[Collection(WardenClusterCollection.Name)]
public sealed class LookAlikeTests(WardenCluster cluster)
{
    public static TheoryData<string, string, string?> ReadOnlyLookAlikes => new()
    {
        // Key words inside literals, comments and identifiers.
        { "keyword in string", "SELECT 'DELETE FROM customers'", "DELETE FROM customers" },
        { "statement in string with semicolon and comment", "SELECT 'DROP TABLE customers; --'", "DROP TABLE customers; --" },
        { "keyword in block comment", "SELECT 1 /* DROP TABLE customers */", "1" },
        { "keyword in line comment", "SELECT 1 -- DELETE FROM customers", "1" },
        { "keyword in nested comment", "SELECT 1 /* outer /* DELETE FROM customers; */ still a comment; DROP TABLE customers */", "1" },
        { "leading comment", "/* DELETE FROM customers */ SELECT 2", "2" },
        { "keyword as quoted alias", "SELECT 1 AS \"delete\"", "1" },
        { "keywords as quoted column", "SELECT \"update\" FROM (SELECT 2 AS \"update\") AS s", "2" },
        { "statement as quoted alias", "SELECT 3 AS \"DROP TABLE customers\"", "3" },
        { "keyword in dollar quote", "SELECT $$DROP TABLE x$$", "DROP TABLE x" },
        { "statement in tagged dollar quote", "SELECT $fn$DELETE FROM customers; $$ $fn$", "DELETE FROM customers; $$ " },
        { "injection-looking value", "SELECT count(*) FROM customers WHERE name = 'x; DROP TABLE customers'", "0" },
        { "doubled quote", "SELECT 'it''s; DELETE FROM customers'", "it's; DELETE FROM customers" },
        { "e-string with escaped quote", "SELECT E'it\\'s; DELETE FROM customers'", "it's; DELETE FROM customers" },
        { "e-string with escaped backslash", "SELECT E'\\\\'", "\\" },
        { "unicode string", "SELECT U&'\\0044ELETE FROM customers'", "DELETE FROM customers" },
        { "function of a keyword", "SELECT lower('INSERT INTO customers')", "insert into customers" },
        { "keyword in values", "VALUES ('TRUNCATE customers')", "TRUNCATE customers" },
        { "keyword as quoted table alias", "SELECT x FROM (VALUES (4)) AS \"truncate\"(x)", "4" },
        { "keywords in like pattern", "SELECT count(*) >= 0 FROM customers WHERE name ILIKE '%update%set%'", "t" },

        // Settings and session state.
        { "show search_path", "SHOW search_path", "\"$user\", public" },
        { "show read-only", "SHOW default_transaction_read_only", "on" },
        { "current_setting", "SELECT current_setting('default_transaction_read_only')", "on" },
        { "set read-only on", "SET default_transaction_read_only = on; SHOW default_transaction_read_only", "on" },
        { "set_config harmless setting", "SELECT set_config('application_name', 'warden-lookalike', false)", "warden-lookalike" },
        { "set harmless settings", "SET statement_timeout = '5s'; SET search_path = public; SHOW statement_timeout", "5s" },
        { "reset all keeps read-only", "RESET ALL; SHOW default_transaction_read_only", "on" },
        { "listen and unlisten", "LISTEN warden_lookalike; UNLISTEN *; SELECT 5", "5" },

        // Transactions that stay read-only.
        { "begin read only, commit", "BEGIN READ ONLY; SELECT count(*) FROM customers; COMMIT", "1000" },
        { "start transaction read only, rollback", "START TRANSACTION READ ONLY; SELECT count(*) FROM customers; ROLLBACK", "1000" },
        { "set transaction read only", "BEGIN; SET TRANSACTION READ ONLY; SELECT 6; COMMIT", "6" },
        { "isolation level", "BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT 7; COMMIT", "7" },
        { "cursor", "BEGIN; DECLARE warden_c CURSOR FOR SELECT id FROM customers ORDER BY id; FETCH 2 FROM warden_c; CLOSE warden_c; COMMIT", "1" },

        // Reads with functions, EXPLAIN without ANALYZE.
        { "aggregates and functions", "SELECT count(*), min(lower(name)), max(now()) FROM customers", "1000" },
        { "grouped functions", "SELECT count(*), lower(name), now() FROM customers GROUP BY name ORDER BY 1 DESC LIMIT 1", null },
        { "explain select", "EXPLAIN SELECT * FROM customers", null },
        { "prepare and execute a read in one text", "PREPARE warden_lookalike AS SELECT count(*) FROM customers; EXECUTE warden_lookalike; DEALLOCATE warden_lookalike", "1000" },
        { "table command", "TABLE customers ORDER BY id LIMIT 1", "1" },
        { "empty statement (comment only)", "-- nothing to do", null },
    };

    [Theory]
    [MemberData(nameof(ReadOnlyLookAlikes))]
    public async Task ReadOnlyRule_LookAlike_AllowedAndNothingChanged(string name, string sql, string? expected)
    {
        _ = name;
        await using var probe = await DatabaseProbe.StartAsync(cluster);
        await using var session = await SimpleQuerySession.OpenAsync(cluster, EdgeTokens.Ci);
        var result = await session.QueryAsync(sql);
        Assert.True(result.Errors.Count == 0,
            $"look-alike refused as {EdgeTokens.Ci}: {sql}\n{result}\n{await EdgeTokens.EvaluateAsync(cluster, sql, EdgeTokens.Ci)}");
        if (expected is not null)
        {
            Assert.NotEmpty(result.Rows);
            Assert.Equal(expected, result.Rows[0][0]);
        }
        Assert.Equal('I', result.TransactionStatus);
        await probe.AssertUnchangedAsync(sql);
    }

    /// <summary>
    /// RESET ALL and DISCARD ALL go back to the session's startup values; read-only stays on because the edge
    /// sets it in the upstream startup packet (src/Sql/README.md). DISCARD ALL cannot share a simple Query
    /// (it refuses to run in the implicit transaction block), so each is its own message.
    /// </summary>
    [Fact]
    public async Task ReadOnlyRule_ResetAllAndDiscardAll_AllowedAndStayReadOnly()
    {
        await using var probe = await DatabaseProbe.StartAsync(cluster);
        await using var session = await SimpleQuerySession.OpenAsync(cluster, EdgeTokens.Ci);
        foreach (var sql in new[] { "RESET ALL", "DISCARD ALL", "DISCARD PLANS", "DEALLOCATE ALL" })
        {
            var result = await session.QueryAsync(sql);
            Assert.True(result.Errors.Count == 0, $"{sql} refused: {result}\n{await EdgeTokens.EvaluateAsync(cluster, sql, EdgeTokens.Ci)}");
            Assert.Equal("on", await session.ScalarAsync("SHOW default_transaction_read_only"));
            Assert.Equal("demo_reader", await session.ScalarAsync("SELECT current_user"));
        }
        await probe.AssertUnchangedAsync("RESET ALL / DISCARD ALL");
    }

    /// <summary>
    /// EXPLAIN of a write without ANALYZE only plans it, so Warden lets it through as a read. PostgreSQL still
    /// checks table privileges while planning (InitPlan → ExecCheckPermissions, also for EXPLAIN only), and the
    /// reader has only SELECT: so the answer is either a plan or PostgreSQL's own "permission denied for table
    /// customers" — never Warden's refusal — and nothing is deleted.
    /// </summary>
    [Theory]
    [InlineData("explain delete", "EXPLAIN DELETE FROM customers WHERE id = 5")]
    [InlineData("explain (analyze false) delete", "EXPLAIN (ANALYZE false) DELETE FROM customers WHERE id = 5")]
    [InlineData("explain (analyze off, costs off) update", "EXPLAIN (ANALYZE off, COSTS off) UPDATE customers SET name = 'x' WHERE id = 5")]
    [InlineData("explain (analyze 0) delete", "EXPLAIN (ANALYZE 0) DELETE FROM customers WHERE id = 5")]
    [InlineData("explain (analyze 'false') delete", "EXPLAIN (ANALYZE 'false') DELETE FROM customers WHERE id = 5")]
    // The mirror image of the quoted-option escape: PostgreSQL reads the identifier "false" as false too.
    [InlineData("explain (analyze \"false\") delete", "EXPLAIN (ANALYZE \"false\") DELETE FROM customers WHERE id = 5")]
    public async Task ReadOnlyRule_ExplainOfWriteWithoutAnalyze_PassesWardenAndRunsNothing(string name, string sql)
    {
        _ = name;
        await using var probe = await DatabaseProbe.StartAsync(cluster);
        await using var session = await SimpleQuerySession.OpenAsync(cluster, EdgeTokens.Ci);
        var result = await session.QueryAsync(sql);
        var databaseOwnRefusal = result.Errors is [{ SqlState: "42501", Message: "permission denied for table customers" }];
        Assert.True(result.Errors.Count == 0 || databaseOwnRefusal,
            $"EXPLAIN without ANALYZE refused by Warden as {EdgeTokens.Ci}: {sql}\n{result}\n{await EdgeTokens.EvaluateAsync(cluster, sql, EdgeTokens.Ci)}");
        await probe.AssertUnchangedAsync(sql);
    }

    [Fact]
    public async Task ReadOnlyRule_BeginReadOnlyAndCommit_InSeparateMessages_Allowed()
    {
        await using var session = await SimpleQuerySession.OpenAsync(cluster, EdgeTokens.Ci);
        var begin = await session.QueryAsync("BEGIN READ ONLY");
        Assert.True(begin.Errors.Count == 0, begin.ToString());
        Assert.Equal('T', begin.TransactionStatus);
        Assert.Equal("1000", await session.ScalarAsync("SELECT count(*) FROM customers"));
        var commit = await session.QueryAsync("COMMIT");
        Assert.True(commit.Errors.Count == 0, commit.ToString());
        Assert.Equal('I', commit.TransactionStatus);
    }

    /// <summary>
    /// A read prepared with PREPARE and run later with EXECUTE in its own message, as psql users and some
    /// drivers do. The analyzer can carry a prepared statement's classes to EXECUTE (SqlAnalyzerOptions.PreparedStatements),
    /// but a lone EXECUTE is judged without them.
    /// </summary>
    [Fact]
    public async Task ReadOnlyRule_PrepareReadThenExecute_InSeparateMessages_Allowed()
    {
        await using var probe = await DatabaseProbe.StartAsync(cluster);
        await using var session = await SimpleQuerySession.OpenAsync(cluster, EdgeTokens.Ci);
        var prepare = await session.QueryAsync("PREPARE warden_lookalike_p AS SELECT count(*) FROM customers");
        Assert.True(prepare.Errors.Count == 0, prepare.ToString());
        var execute = await session.QueryAsync("EXECUTE warden_lookalike_p");
        Assert.True(execute.Errors.Count == 0,
            $"EXECUTE of a prepared read refused: {execute}\n{await EdgeTokens.EvaluateAsync(cluster, "EXECUTE warden_lookalike_p", EdgeTokens.Ci)}");
        Assert.Equal("1000", execute.Rows[0][0]);
        await probe.AssertUnchangedAsync("PREPARE/EXECUTE of a read");
    }

    /// <summary>
    /// Writer look-alikes: the writer's session is read-write already, so asking for a read-write transaction
    /// escapes nothing; key words in strings are not statements for it either.
    /// </summary>
    [Theory]
    [InlineData("begin read write", "BEGIN READ WRITE; SELECT 8; COMMIT", "8")]
    [InlineData("start transaction read write", "START TRANSACTION ISOLATION LEVEL READ COMMITTED, READ WRITE; SELECT 9; COMMIT", "9")]
    [InlineData("keyword in string", "SELECT 'DROP TABLE customers'", "DROP TABLE customers")]
    [InlineData("injection-looking value in a targeted delete", "DELETE FROM customers WHERE name = 'x; DROP TABLE customers'; SELECT 10", "10")]
    [InlineData("explain delete without where (plans only)", "EXPLAIN DELETE FROM customers; SELECT 11", "11")]
    [InlineData("explain (analyze false) delete without where", "EXPLAIN (ANALYZE false) DELETE FROM customers; SELECT 12", "12")]
    public async Task WriterRule_LookAlike_AllowedAndNothingChanged(string name, string sql, string expected)
    {
        _ = name;
        await using var probe = await DatabaseProbe.StartAsync(cluster);
        await using var session = await SimpleQuerySession.OpenAsync(cluster, EdgeTokens.Agents);
        var result = await session.QueryAsync(sql);
        Assert.True(result.Errors.Count == 0,
            $"look-alike refused as {EdgeTokens.Agents}: {sql}\n{result}\n{await EdgeTokens.EvaluateAsync(cluster, sql, EdgeTokens.Agents)}");
        Assert.Equal(expected, result.Rows[^1][0]);
        await probe.AssertUnchangedAsync(sql);
    }
}
