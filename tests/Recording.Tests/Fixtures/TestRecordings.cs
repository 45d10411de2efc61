namespace Warden.Recording.Tests.Fixtures;

/// <summary>Builds recordings as lists of stored lines, without a store.</summary>
internal static class TestRecordings
{
    public static List<string> Build(Guid sessionId, IReadOnlyList<RecordingEvent> events, bool seal = true, bool interrupted = false)
    {
        var lines = new List<string>();
        var previous = RecordingFormat.GenesisHash(sessionId);
        var at = TestEvents.Start;
        void Add(RecordingEvent e, long src)
        {
            var line = System.Text.Encoding.UTF8.GetString(
                RecordingFormat.Serialize(new RecordedLine(sessionId, lines.Count, src, previous, at, e)));
            previous = RecordingFormat.HashLine(line);
            lines.Add(line);
            at = at.AddMilliseconds(250);
        }

        for (var i = 0; i < events.Count; i++)
        {
            Add(events[i], i + 1);
        }

        if (seal)
        {
            Add(new RecordingSealed(previous, lines.Count, interrupted, interrupted ? "edge lost" : "session closed"), events.Count);
        }

        return lines;
    }

    public static string Anchor(IReadOnlyList<string> lines) => RecordingFormat.HashLine(lines[^1]);

    public static async IAsyncEnumerable<string> AsAsync(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            await Task.Yield();
            yield return line;
        }
    }

    public static async Task<List<string>> ToListAsync(IAsyncEnumerable<string> lines)
    {
        var list = new List<string>();
        await foreach (var line in lines)
        {
            list.Add(line);
        }

        return list;
    }
}
