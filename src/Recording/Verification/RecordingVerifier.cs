namespace Warden.Recording;

/// <summary>
/// Checks a recording offline, from its lines alone: every line parses, sequence numbers run 0, 1, 2, ...
/// without gaps, each <c>prev</c> is the hash of the line before, one session throughout, and a seal ends
/// it. With the anchor the cluster kept, the seal line itself is covered too.
/// </summary>
/// <remarks>
/// What it cannot prove: someone able to rewrite the whole recording can rebuild a valid chain, and the
/// seal line is only covered by the anchor. That is why the anchor is kept apart from the recording.
/// </remarks>
public static class RecordingVerifier
{
    /// <summary>Verifies a complete recording: it must end with a seal.</summary>
    public static Task<VerificationResult> VerifyAsync(IAsyncEnumerable<string> lines, string? expectedAnchor, CancellationToken ct) =>
        VerifyAsync(lines, expectedAnchor, allowOpen: false, ct);

    /// <summary>Verifies a recording that may still be open (a live session): with
    /// <paramref name="allowOpen"/>, a chain that is intact so far but has no seal is Ok with Sealed=false
    /// (unless an anchor is expected, which needs a seal).</summary>
    public static async Task<VerificationResult> VerifyAsync(
        IAsyncEnumerable<string> lines, string? expectedAnchor, bool allowOpen, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var state = new State();
        await foreach (var line in lines.WithCancellation(ct).ConfigureAwait(false))
        {
            state.LineNumber++;
            var failure = state.Check(line);
            if (failure is not null)
            {
                return state.Result(failure);
            }

            state.Verified++;
        }

        if (state.LineNumber == 0)
        {
            return state.Result(new VerificationFailure(0, null, "empty recording: no lines"));
        }

        if (!state.Sealed)
        {
            if (allowOpen && expectedAnchor is null)
            {
                return state.Result(null);
            }

            return state.Result(new VerificationFailure(state.LineNumber, state.LastSequence,
                $"not sealed: the recording ends at seq {state.LastSequence} (line {state.LineNumber}) without a seal"));
        }

        if (expectedAnchor is not null && !string.Equals(expectedAnchor, state.Anchor, StringComparison.OrdinalIgnoreCase))
        {
            return state.Result(new VerificationFailure(state.LineNumber, state.LastSequence,
                $"anchor mismatch: the seal on line {state.LineNumber} hashes to {state.Anchor}, expected {expectedAnchor}"));
        }

        return state.Result(null);
    }

    private sealed class State
    {
        private string? _expectedPrevious;
        private long _expectedSequence;
        private long _lastSource;

        public long LineNumber { get; set; }

        public long Verified { get; set; }

        public Guid? SessionId { get; private set; }

        public long? LastSequence { get; private set; }

        public bool Sealed { get; private set; }

        public bool Interrupted { get; private set; }

        public string? Anchor { get; private set; }

        public VerificationFailure? Check(string text)
        {
            var n = LineNumber;
            RecordedLine line;
            try
            {
                line = RecordingFormat.Parse(text);
            }
            catch (RecordingFormatException e)
            {
                return new VerificationFailure(n, null, $"line {n}: {e.Message}");
            }

            var at = $"line {n} (seq {line.Sequence})";
            if (Sealed)
            {
                return new VerificationFailure(n, line.Sequence, $"{at}: an event follows the seal on line {n - 1}");
            }

            if (SessionId is null)
            {
                SessionId = line.SessionId;
                _expectedPrevious = RecordingFormat.GenesisHash(line.SessionId);
            }
            else if (line.SessionId != SessionId)
            {
                return new VerificationFailure(n, line.Sequence,
                    $"{at}: belongs to session {line.SessionId:D}, not {SessionId:D} — a line from another recording");
            }

            if (line.Sequence != _expectedSequence)
            {
                var reason = line.Sequence > _expectedSequence
                    ? $"{line.Sequence - _expectedSequence} event(s) missing or out of order"
                    : "a line was duplicated or moved";
                return new VerificationFailure(n, line.Sequence,
                    $"line {n}: expected seq {_expectedSequence}, found {line.Sequence} — {reason}");
            }

            if (line.PreviousHash != _expectedPrevious)
            {
                return new VerificationFailure(n, line.Sequence, n == 1
                    ? $"{at}: prev is not the genesis hash of session {line.SessionId:D} — the start of the recording was replaced"
                    : $"{at}: prev hash does not match line {n - 1} — a line was edited, removed or reordered");
            }

            if (line.SourceSequence < _lastSource)
            {
                return new VerificationFailure(n, line.Sequence,
                    $"{at}: src went back from {_lastSource} to {line.SourceSequence}");
            }

            var hash = RecordingFormat.HashLine(text);
            if (line.Event is RecordingSealed seal)
            {
                if (seal.FinalHash != line.PreviousHash || seal.Events != line.Sequence)
                {
                    return new VerificationFailure(n, line.Sequence,
                        $"{at}: the seal's finalHash or event count does not match its position");
                }

                Sealed = true;
                Interrupted = seal.Interrupted;
                Anchor = hash;
            }

            _expectedPrevious = hash;
            _expectedSequence++;
            _lastSource = line.SourceSequence;
            LastSequence = line.Sequence;
            return null;
        }

        public VerificationResult Result(VerificationFailure? failure) =>
            new(failure is null, SessionId, Verified, Sealed, Interrupted, Anchor, failure);
    }
}
