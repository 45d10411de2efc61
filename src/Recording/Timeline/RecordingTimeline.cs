namespace Warden.Recording;

/// <summary>
/// A readable account of a recording for people: time offsets, sequence numbers, verdicts and classes,
/// statement text, durations and results, masked sample rows, errors, approvals, close and seal.
/// </summary>
public static class RecordingTimeline
{
    /// <summary>Writes the timeline of <paramref name="lines"/> (already parsed) to <paramref name="output"/>.</summary>
    public static void Write(IEnumerable<RecordedLine> lines, TextWriter output) => throw new NotImplementedException();

    /// <summary>Writes each event as a JSON object on its own line (the stored lines, unchanged).</summary>
    public static Task WriteJsonAsync(IAsyncEnumerable<string> lines, TextWriter output, CancellationToken ct) =>
        throw new NotImplementedException();
}
