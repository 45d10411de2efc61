namespace Warden.Recording;

/// <summary>Where and why a recording failed verification.</summary>
/// <param name="Line">1-based line number where the problem was found (0 for the recording as a whole).</param>
/// <param name="Sequence">The <c>seq</c> of that line, when it could be read.</param>
/// <param name="Reason">A sentence for people, naming the line(s) involved.</param>
public sealed record VerificationFailure(long Line, long? Sequence, string Reason);
