namespace Warden.Policy.Recording;

/// <summary>DESIGN §4. YAML: <c>strict | batched</c>.</summary>
public enum RecordingDurability
{
    /// <summary>A statement is durably recorded before it is forwarded; fails closed when the store is down.</summary>
    Strict = 0,

    /// <summary>Events are flushed on an interval; a bounded window of events can be lost.</summary>
    Batched = 1,
}

/// <summary>What of a statement's results goes into the recording. YAML: <c>none | masked</c>.</summary>
public enum RecordedResults
{
    /// <summary>Only result summaries (row counts, command tags).</summary>
    None = 0,

    /// <summary>Summaries plus sample rows, after masking.</summary>
    Masked = 1,
}
