namespace Warden.Recording;

/// <summary>
/// A recording's index: its labels, status, the parts in order and, once sealed, the anchor hash. The
/// manifest is a convenience, not evidence: a verifier trusts the chain, and the anchor kept by the cluster.
/// </summary>
/// <param name="Parts">Part names in order (<c>part-00000.jsonl</c>, ...), relative to the recording.</param>
/// <param name="Lines">Lines stored as of <paramref name="UpdatedAt"/> (exact once sealed).</param>
/// <param name="AnchorHash">The seal line's hash; null while open.</param>
public sealed record RecordingManifest(
    Guid SessionId,
    string Subject,
    string Target,
    DateTimeOffset StartedAt,
    DateTimeOffset UpdatedAt,
    RecordingStatus Status,
    IReadOnlyList<string> Parts,
    long Lines,
    string? AnchorHash);
