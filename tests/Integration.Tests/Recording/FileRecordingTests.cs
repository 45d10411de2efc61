using System.Text.Json;
using Npgsql;
using Warden.Integration.Tests.Fixtures;

namespace Warden.Integration.Tests.Recording;

/// <summary>
/// Sessions through a real edge are recorded in the file store (strict durability, the demo policy):
/// complete and in order, refused statements included, verifiable through the REST API, and any edit,
/// deletion or reordering of the stored lines is caught and located.
/// </summary>
[Collection(WardenClusterCollection.Name)]
public sealed class FileRecordingTests(WardenCluster cluster)
{
    private readonly RecordedSessions _sessions = new(cluster.Api);

    [Fact]
    public async Task Session_PasswordInStatement_RecordedWithoutIt()
    {
        var subject = "rec-pw-" + Guid.NewGuid().ToString("N")[..8];
        var secret = "hunter2-" + Guid.NewGuid().ToString("N");
        await using (var connection = await cluster.OpenAsync(subject, "ci"))
        {
            // Refused (dcl), and recorded all the same: the recording must not keep the password.
            await using var alter = new NpgsqlCommand($"ALTER ROLE demo_reader PASSWORD '{secret}'", connection);
            Assert.Equal("42501", (await Assert.ThrowsAsync<PostgresException>(() => alter.ExecuteNonQueryAsync())).SqlState);
        }

        var id = await _sessions.WaitForAsync(subject);
        var events = await _sessions.EventsAsync(id);
        Assert.Contains(("ALTER ROLE demo_reader PASSWORD '********'", "deny"), RecordedSessions.Statements(events));
        Assert.DoesNotContain(events, e => e.GetRawText().Contains(secret, StringComparison.Ordinal));
        Assert.True((await _sessions.VerifyAsync(id)).GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task Session_AllowedAndRefusedStatements_RecordedCompleteInOrderAndVerified()
    {
        var subject = "rec-" + Guid.NewGuid().ToString("N")[..8];
        await using (var connection = await cluster.OpenAsync(subject, "ci"))
        {
            await using (var count = new NpgsqlCommand("SELECT count(*) FROM customers WHERE id <= $1", connection))
            {
                count.Parameters.AddWithValue(3);
                Assert.Equal(3L, await count.ExecuteScalarAsync());
            }
            await using (var delete = new NpgsqlCommand("DELETE FROM customers WHERE id = 1", connection))
            {
                Assert.Equal("42501", (await Assert.ThrowsAsync<PostgresException>(() => delete.ExecuteNonQueryAsync())).SqlState);
            }
            await using var last = new NpgsqlCommand("SELECT 'still here'", connection);
            Assert.Equal("still here", await last.ExecuteScalarAsync());
        }

        var id = await _sessions.WaitForAsync(subject);
        var events = await _sessions.EventsAsync(id);
        RecordedSessions.AssertCompleteAndSealed(events);
        var opened = events[0];
        Assert.Equal(subject, opened.GetProperty("subject").GetString());
        Assert.Equal("ci-read", opened.GetProperty("rule").GetString());
        Assert.Equal("strict", opened.GetProperty("durability").GetString());

        var mine = RecordedSessions.Statements(events).Where(s => !s.Sql.Contains("pg_type", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [("SELECT count(*) FROM customers WHERE id <= $1", "allow"), ("DELETE FROM customers WHERE id = 1", "deny"), ("SELECT 'still here'", "allow")],
            mine);
        var countStatement = events.First(e => RecordedSessions.Type(e) == "statement" && e.GetProperty("sql").GetString()!.StartsWith("SELECT count", StringComparison.Ordinal));
        Assert.Equal("extended", countStatement.GetProperty("protocol").GetString());
        Assert.Equal(["read"], countStatement.GetProperty("classes").EnumerateArray().Select(c => c.GetString()));
        var countIndex = events.IndexOf(countStatement);
        var result = events.Skip(countIndex).First(e => RecordedSessions.Type(e) == "result");
        Assert.Equal("SELECT 1", result.GetProperty("commandTag").GetString());
        Assert.Equal(1, result.GetProperty("rows").GetInt64());
        var refusal = events.First(e => RecordedSessions.Type(e) == "error");
        Assert.Equal("42501", refusal.GetProperty("sqlState").GetString());
        Assert.Contains("ci-read", refusal.GetProperty("message").GetString());

        var verdict = await _sessions.VerifyAsync(id);
        Assert.True(verdict.GetProperty("ok").GetBoolean(), verdict.ToString());
        Assert.True(verdict.GetProperty("sealed").GetBoolean());
        Assert.Equal("cluster", verdict.GetProperty("anchorSource").GetString());
    }

    [Fact]
    public async Task Psql_MultiStatementQuery_EachStatementAndResultRecorded()
    {
        var subject = "rec-psql-" + Guid.NewGuid().ToString("N")[..8];
        var token = await cluster.TokenAsync(subject, "ci");
        var run = await Psql.RunAsync(cluster.EdgePort, token, "disable", "-c", "SELECT 1 AS a; SELECT 2 AS b");
        Assert.Equal(0, run.ExitCode);

        var id = await _sessions.WaitForAsync(subject);
        var events = await _sessions.EventsAsync(id);
        RecordedSessions.AssertCompleteAndSealed(events);
        var statement = Assert.Single(RecordedSessions.Statements(events));
        Assert.Equal(("SELECT 1 AS a; SELECT 2 AS b", "allow"), statement);
        var results = events.Where(e => RecordedSessions.Type(e) == "result").ToList();
        Assert.Equal(["SELECT 1", "SELECT 1"], results.Select(r => r.GetProperty("commandTag").GetString()));
    }

    public static TheoryData<string> Tamperings => ["edit", "delete", "reorder"];

    [Theory]
    [MemberData(nameof(Tamperings))]
    public async Task StoredLines_Tampered_VerificationFailsAtThatPlace(string tampering)
    {
        var subject = "rec-tamper-" + Guid.NewGuid().ToString("N")[..8];
        await using (var connection = await cluster.OpenAsync(subject, "ci"))
        {
            foreach (var n in new[] { 1, 2, 3 })
            {
                await using var select = new NpgsqlCommand($"SELECT {n}", connection);
                await select.ExecuteScalarAsync();
            }
        }
        var id = await _sessions.WaitForAsync(subject);
        var part = Directory.GetFiles(Path.Combine(cluster.Silo.RecordingDirectory, id.ToString()), "part-*.jsonl").Single();
        var lines = (await File.ReadAllLinesAsync(part)).ToList();
        var target = lines.FindIndex(l => l.Contains("\"sql\":\"SELECT 2\"", StringComparison.Ordinal));
        Assert.True(target > 0, "the statement is in the stored lines");
        switch (tampering)
        {
            case "edit":
                lines[target] = lines[target].Replace("SELECT 2", "SELECT 9", StringComparison.Ordinal);
                break;
            case "delete":
                lines.RemoveAt(target);
                break;
            default:
                (lines[target], lines[target + 1]) = (lines[target + 1], lines[target]);
                break;
        }
        await File.WriteAllLinesAsync(part, lines);

        var verdict = await _sessions.VerifyAsync(id);
        Assert.False(verdict.GetProperty("ok").GetBoolean(), verdict.ToString());
        var failure = verdict.GetProperty("failure");
        // The break shows at the tampered line (1-based: target + 1) or at the line after it, whose hash no longer matches.
        Assert.InRange(failure.GetProperty("line").GetInt64(), target + 1, target + 2);
        Assert.False(string.IsNullOrWhiteSpace(failure.GetProperty("reason").GetString()));
    }
}
