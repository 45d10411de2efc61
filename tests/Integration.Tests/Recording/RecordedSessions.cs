using System.Net.Http.Json;
using System.Text.Json;
using Warden.Integration.Tests.Fixtures;

namespace Warden.Integration.Tests.Recording;

/// <summary>Reads sessions and their recordings through the REST API, as an auditor would.</summary>
internal sealed class RecordedSessions(HttpClient api)
{
    /// <summary>Waits until <paramref name="subject"/> has a session in <paramref name="status"/> and returns its id.</summary>
    public async Task<Guid> WaitForAsync(string subject, string status = "closed", TimeSpan? within = null)
    {
        Guid? found = null;
        await Eventually.TrueAsync(async () =>
        {
            var sessions = await api.GetFromJsonAsync<JsonElement>("/api/sessions");
            foreach (var session in sessions.EnumerateArray())
            {
                if (session.GetProperty("subject").GetString() == subject && session.GetProperty("status").GetString() == status)
                {
                    found = session.GetProperty("id").GetGuid();
                    return true;
                }
            }
            return false;
        }, $"a {status} session of {subject} is listed", within);
        return found!.Value;
    }

    public async Task<List<JsonElement>> EventsAsync(Guid id)
    {
        using var response = await api.GetAsync($"/api/sessions/{id}/events");
        response.EnsureSuccessStatusCode();
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone())];
    }

    public async Task<JsonElement> VerifyAsync(Guid id) => await api.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}/verify");

    /// <summary>The statements of a recording, in order, as (sql, verdict).</summary>
    public static List<(string Sql, string Verdict)> Statements(IEnumerable<JsonElement> events) =>
        [.. events.Where(e => Type(e) == "statement").Select(e => (e.GetProperty("sql").GetString()!, e.GetProperty("verdict").GetString()!))];

    public static string Type(JsonElement e) => e.GetProperty("type").GetString()!;

    /// <summary>Sequence numbers run 0, 1, 2, ... with no gap, and the recording ends closed and sealed.</summary>
    public static void AssertCompleteAndSealed(List<JsonElement> events, bool interrupted = false)
    {
        Assert.Equal(Enumerable.Range(0, events.Count).Select(i => (long)i), events.Select(e => e.GetProperty("seq").GetInt64()));
        Assert.Equal("session.opened", Type(events[0]));
        Assert.Equal("session.closed", Type(events[^2]));
        Assert.Equal("seal", Type(events[^1]));
        Assert.Equal(interrupted, events[^1].GetProperty("interrupted").GetBoolean());
    }
}
