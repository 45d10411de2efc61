using Npgsql;
using Warden.Integration.Tests.Fixtures;
using Warden.Protocol.Messages;

namespace Warden.Integration.Tests.Policy.Support;

/// <summary>Which refusal a statement must get, and so what its 42501 message must say besides the rule's name.</summary>
public enum Expected
{
    /// <summary>A class the rule does not allow (ci-read: anything beyond read, transaction, session).</summary>
    NotAllowed,

    /// <summary>A class the rule sends for approval (agents: ddl, dcl, destructive); refused with 42501 for now.</summary>
    ApprovalRequired,

    /// <summary>A class the rule denies outright (agents: admin).</summary>
    DeniedAdmin,
}

/// <summary>
/// Runs one escape end to end and checks all three things every escape test asserts: (a) 42501, (b) a message
/// naming the rule (so it is Warden's refusal, not the database's), (c) nothing changed — neither the session
/// (role, read-only default, lexing settings, marker) nor the database. Every problem found is reported
/// together, with what <c>POST /api/policy/evaluate</c> says about the statement, so a failing case is a
/// complete finding on its own.
/// </summary>
internal static class Refusal
{
    public static async Task AssertSimpleQueryRefusedAsync(WardenCluster cluster, string group, string sql, Expected expected)
    {
        await using var probe = await DatabaseProbe.StartAsync(cluster);
        await using var session = await SimpleQuerySession.OpenAsync(cluster, group);
        await AssertRefusedAsync(cluster, probe, session, sql, System.Text.Encoding.UTF8.GetBytes(sql), expected);
    }

    /// <summary>Sends <paramref name="bytes"/> (which <paramref name="sql"/> describes) in an open session and checks the refusal.</summary>
    public static async Task AssertRefusedAsync(
        WardenCluster cluster, DatabaseProbe probe, SimpleQuerySession session, string sql, byte[] bytes, Expected expected)
    {
        var stateBefore = await SessionState.CaptureAsync(session);
        var result = await session.QueryAsync(bytes);
        var problems = new List<string>();
        CheckRefusal(problems, result.Errors.FirstOrDefault(), session.Group, expected, $"simple Query ran it: {result}");
        if (result.CommandTags.Count > 0)
        {
            problems.Add($"statements of the text ran: {string.Join(", ", result.CommandTags)}");
        }
        if (result.TransactionStatus != 'I')
        {
            problems.Add($"the session was left in transaction status '{result.TransactionStatus}'");
            await session.QueryAsync("ROLLBACK");
        }
        await CheckSessionAndDatabaseAsync(problems, stateBefore, await SessionState.CaptureAsync(session), probe, sql);
        // The policy is asked about the text as the gateway decodes it (UTF-8), which is what it judged.
        await ReportAsync(cluster, problems, sql, session.Group, System.Text.Encoding.UTF8.GetString(bytes));
    }

    /// <summary>The same checks for a command sent by Npgsql (extended protocol).</summary>
    public static async Task AssertNpgsqlRefusedAsync(
        WardenCluster cluster, string group, string sql, Expected expected, Func<NpgsqlConnection, Task> execute)
    {
        await using var probe = await DatabaseProbe.StartAsync(cluster);
        await using var connection = await EdgeTokens.OpenNpgsqlAsync(cluster, group);
        var stateBefore = await SessionState.CaptureAsync(connection);
        var problems = new List<string>();
        try
        {
            await execute(connection);
            CheckRefusal(problems, null, group, expected, "Npgsql ran it without error");
        }
        catch (PostgresException e)
        {
            CheckRefusal(problems, ErrorResponse.Create(e.Severity, e.SqlState, e.MessageText), group, expected, string.Empty);
        }
        await CheckSessionAndDatabaseAsync(problems, stateBefore, await SessionState.CaptureAsync(connection), probe, sql);
        await ReportAsync(cluster, problems, sql, group);
    }

    /// <summary>Adds a problem unless <paramref name="error"/> is Warden's 42501 for <paramref name="expected"/>.</summary>
    public static void CheckRefusal(List<string> problems, ErrorResponse? error, string group, Expected expected, string whenAllowed)
    {
        if (error is null)
        {
            problems.Add($"NOT REFUSED: {whenAllowed}");
            return;
        }
        var rule = EdgeTokens.RuleOf(group);
        var message = error.Message ?? string.Empty;
        var (phrase, description) = expected switch
        {
            Expected.ApprovalRequired => ($"requires approval under rule \"{rule}\"", "approval required"),
            Expected.DeniedAdmin => ($"denied by rule \"{rule}\": class \"admin\" is denied", "admin denied"),
            _ => ($"denied by rule \"{rule}\"", "denied"),
        };
        if (error.SqlState != "42501" || !message.Contains(phrase, StringComparison.Ordinal))
        {
            problems.Add($"expected 42501 \"{phrase}…\" ({description}), got {error.SqlState}: {message}");
        }
    }

    public static async Task CheckSessionAndDatabaseAsync(List<string> problems, string stateBefore, string stateAfter, DatabaseProbe probe, string sql)
    {
        if (stateAfter != stateBefore)
        {
            problems.Add($"the session changed:\n  before: {stateBefore}\n  after:  {stateAfter}");
        }
        var changes = await probe.DescribeChangesAsync(waitForNotifications: sql.Contains("notify", StringComparison.OrdinalIgnoreCase));
        if (changes is not null)
        {
            problems.Add($"the database changed:\n{changes}");
        }
    }

    public static async Task ReportAsync(WardenCluster cluster, List<string> problems, string sql, string group, string? judgedText = null)
    {
        if (problems.Count > 0)
        {
            var evaluation = await EdgeTokens.EvaluateAsync(cluster, judgedText ?? sql, group);
            Assert.Fail($"escape as {group} ({EdgeTokens.RuleOf(group)}): {sql}\n- {string.Join("\n- ", problems)}\n{evaluation}");
        }
    }
}
