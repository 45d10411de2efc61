namespace Warden.Recording;

/// <summary>What <see cref="RecordingVerifier"/> found.</summary>
/// <param name="Ok">The chain is intact (and sealed, and matches the expected anchor, when those are asked for).</param>
/// <param name="Events">Lines verified before the end or the first failure, the seal included.</param>
/// <param name="Interrupted">The seal says the cluster sealed a cut-off session.</param>
/// <param name="AnchorHash">Hash of the seal line, when there is one.</param>
public sealed record VerificationResult(
    bool Ok,
    Guid? SessionId,
    long Events,
    bool Sealed,
    bool Interrupted,
    string? AnchorHash,
    VerificationFailure? Failure);
