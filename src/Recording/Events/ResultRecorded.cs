namespace Warden.Recording;

/// <summary>The outcome of the preceding statement: its command tag and row count, and with
/// <c>recording.results: masked</c> its first rows, masked by the edge for the recording, capped.</summary>
/// <param name="Columns">Column names of <paramref name="SampleRows"/>; null when no rows are kept.</param>
/// <param name="SampleRows">Masked values as text (null for SQL NULL); never unmasked values.</param>
public sealed record ResultRecorded(
    string? CommandTag,
    long? Rows,
    double ElapsedMilliseconds,
    IReadOnlyList<string>? Columns,
    IReadOnlyList<IReadOnlyList<string?>>? SampleRows) : RecordingEvent;
