namespace Warden.Recording;

/// <summary>
/// Checks a recording offline, from its lines alone: every line parses, sequence numbers run 0, 1, 2, ...
/// without gaps, each <c>prev</c> is the hash of the line before, one session throughout, and a seal ends
/// it. With the anchor the cluster kept, the seal line itself is covered too.
/// </summary>
public static class RecordingVerifier
{
    /// <summary>Verifies a complete recording: it must end with a seal.</summary>
    public static Task<VerificationResult> VerifyAsync(IAsyncEnumerable<string> lines, string? expectedAnchor, CancellationToken ct) =>
        VerifyAsync(lines, expectedAnchor, allowOpen: false, ct);

    /// <summary>Verifies a recording that may still be open (a live session): with
    /// <paramref name="allowOpen"/>, a chain that is intact so far but has no seal is Ok with Sealed=false.</summary>
    public static Task<VerificationResult> VerifyAsync(IAsyncEnumerable<string> lines, string? expectedAnchor, bool allowOpen, CancellationToken ct) =>
        throw new NotImplementedException();
}
