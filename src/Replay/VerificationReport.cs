using Warden.Recording;

namespace Warden.Replay;

/// <summary>The one line that says whether a recording verified, and if not, where it broke.</summary>
internal static class VerificationReport
{
    public static string Describe(VerificationResult result, string source, string? anchor, bool fromCluster)
    {
        if (!result.Ok)
        {
            return $"VERIFICATION FAILED: {source}: {result.Failure!.Reason}";
        }

        var state = result.Sealed ? result.Interrupted ? "sealed as interrupted" : "sealed" : "open (no seal yet)";
        var anchorNote = anchor is null
            ? result.Sealed ? $"; anchor {result.AnchorHash} (compare it with the cluster's)" : ""
            : fromCluster ? "; matches the given anchor" : "; matches the manifest's anchor (compare it with the cluster's for proof)";
        return $"verified: session {result.SessionId:D}, {result.Events} lines, {state}{anchorNote}";
    }
}
