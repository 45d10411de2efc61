using System.Text.RegularExpressions;
using Warden.Integration.Tests.Fixtures;
using Warden.Integration.Tests.Policy.Support;
using Warden.Protocol.Messages;

namespace Warden.Integration.Tests.Policy;

/// <summary>
/// Escapes and look-alikes through psql, the client people and CI scripts use: <c>-c</c> sends its text as one
/// simple Query, a script file is split by psql itself, and <c>\copy</c> turns into COPY ... STDIN/STDOUT.
/// With ON_ERROR_STOP and VERBOSITY=verbose a refusal shows as "ERROR:  42501: ..." on stderr and a non-zero exit.
/// </summary>
[Collection(WardenClusterCollection.Name)]
public sealed partial class PsqlEscapeTests(WardenCluster cluster)
{
    private static readonly string[] Subset =
    [
        "delete", "cte delete", "explain analyze delete", "explain (\"analyze\") advisory lock", "do block", "call",
        "set role postgres", "set_config role", "set read-only off", "begin read write", "copy to program", "copy to server file",
        "pg_read_file", "lo_import", "nextval", "pg_advisory_lock", "grant", "alter system",
        "block comment before", "nested block comment before", "unicode function name",
        "select then delete", "marker then delete",
    ];

    /// <summary>A subset of <see cref="ReadOnlyRuleEscapeTests.Escapes"/>, each sent with psql -c.</summary>
    public static TheoryData<string, string> Escapes() => ReadOnlyRuleEscapeTests.EscapesNamed(Subset);

    [Theory]
    [MemberData(nameof(Escapes))]
    public Task ReadOnlyRule_DashC_Refused42501AndNothingChanged(string name, string sql)
    {
        _ = name;
        return AssertRefusedAsync(EdgeTokens.Ci, Expected.NotAllowed, sql, "-c", sql);
    }

    [Fact]
    public Task ReadOnlyRule_BackslashCopyFromStdin_Refused() =>
        AssertRefusedAsync(EdgeTokens.Ci, Expected.NotAllowed, @"\copy customers from stdin", "-c", @"\copy customers (name, email, ssn, card_number) from stdin");

    [Fact]
    public async Task ReadOnlyRule_SecondDashC_RefusedAfterFirstRan()
    {
        await AssertRefusedAsync(EdgeTokens.Ci, Expected.NotAllowed, "-c 'SELECT 41' -c 'DELETE ...'",
            "-c", "SELECT 41", "-c", "DELETE FROM customers WHERE id = 1");
    }

    /// <summary>psql splits a script at semicolons itself: the SELECT before the refused statement runs, ON_ERROR_STOP stops the rest (exit 3).</summary>
    [Fact]
    public async Task ReadOnlyRule_Script_StopsAtRefusedStatement()
    {
        var script = Path.Combine(Path.GetTempPath(), $"warden-psql-script-{Guid.NewGuid():N}.sql");
        await File.WriteAllTextAsync(script, "SELECT 41;\n/* then */ DELETE FROM customers WHERE id = 1;\nSELECT 42;\n");
        try
        {
            await using var probe = await DatabaseProbe.StartAsync(cluster);
            var result = await Psql.RunAsync(cluster.EdgePort, await EdgeTokens.GetAsync(cluster, EdgeTokens.Ci), "disable", "-f", script);
            Assert.True(result.ExitCode != 0 && result.Output == "41", $"exit {result.ExitCode}, output [{result.Output}], error [{result.Error}]");
            Assert.Contains("ERROR:  42501:", result.Error, StringComparison.Ordinal);
            Assert.Contains("\"ci-read\"", result.Error, StringComparison.Ordinal);
            await probe.AssertUnchangedAsync("a psql script with a DELETE");
        }
        finally
        {
            File.Delete(script);
        }
    }

    [Theory]
    [InlineData("drop table", Expected.ApprovalRequired, "DROP TABLE customers")]
    [InlineData("delete without where", Expected.ApprovalRequired, "DELETE FROM customers")]
    [InlineData("update then truncate", Expected.ApprovalRequired, "UPDATE customers SET name = 'warden-agent' WHERE id = 990; TRUNCATE customers")]
    [InlineData("set role", Expected.DeniedAdmin, "SET ROLE postgres")]
    [InlineData("copy to program", Expected.DeniedAdmin, "COPY customers TO PROGRAM 'cat > /tmp/warden-escape-psql-agent'")]
    [InlineData("pg_terminate_backend", Expected.DeniedAdmin, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid()")]
    public Task WriterRule_DashC_Refused(string name, Expected expected, string sql)
    {
        _ = name;
        return AssertRefusedAsync(EdgeTokens.Agents, expected, sql, "-c", sql);
    }

    [Theory]
    [InlineData("keyword in string", "SELECT 'DELETE FROM customers'", "DELETE FROM customers")]
    [InlineData("keyword in comment", "SELECT 1 /* DROP TABLE customers */", "1")]
    [InlineData("quoted identifier", "SELECT 2 AS \"delete\"", "2")]
    [InlineData("dollar quote", "SELECT $$DROP TABLE x$$", "DROP TABLE x")]
    [InlineData("show read-only", "SHOW default_transaction_read_only", "on")]
    [InlineData("read-only transaction", "BEGIN READ ONLY; SELECT count(*) FROM customers; COMMIT", "1000")]
    [InlineData("copy out with backslash copy", @"\copy (SELECT id FROM customers WHERE id <= 3 ORDER BY id) to stdout", "1\n2\n3")]
    public async Task ReadOnlyRule_LookAlike_Runs(string name, string sql, string expected)
    {
        _ = name;
        await using var probe = await DatabaseProbe.StartAsync(cluster);
        var result = await Psql.RunAsync(cluster.EdgePort, await EdgeTokens.GetAsync(cluster, EdgeTokens.Ci), "disable", "-q", "-c", sql);
        Assert.True(result.ExitCode == 0, $"psql -c {sql} failed: {result.Error}\n{await EdgeTokens.EvaluateAsync(cluster, sql, EdgeTokens.Ci)}");
        Assert.Contains(expected, result.Output, StringComparison.Ordinal);
        await probe.AssertUnchangedAsync(sql);
    }

    private async Task AssertRefusedAsync(string group, Expected expected, string sql, params string[] arguments)
    {
        await using var probe = await DatabaseProbe.StartAsync(cluster);
        var result = await Psql.RunAsync(cluster.EdgePort, await EdgeTokens.GetAsync(cluster, group), "disable", arguments);
        var problems = new List<string>();
        if (result.ExitCode == 0)
        {
            problems.Add($"psql exited 0; output: {result.Output}");
        }
        var match = VerboseError().Match(result.Error);
        var error = match.Success ? ErrorResponse.Create(ErrorResponse.Error, match.Groups["state"].Value, match.Groups["message"].Value) : null;
        Refusal.CheckRefusal(problems, error, group, expected, $"no ERROR on stderr ({result.Error})");
        var changes = await probe.DescribeChangesAsync(waitForNotifications: false);
        if (changes is not null)
        {
            problems.Add($"the database changed:\n{changes}");
        }
        await Refusal.ReportAsync(cluster, problems, sql, group);
    }

    [GeneratedRegex(@"ERROR:\s+(?<state>[0-9A-Z]{5}): (?<message>.*)$", RegexOptions.Multiline)]
    private static partial Regex VerboseError();
}
