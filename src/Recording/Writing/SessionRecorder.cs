namespace Warden.Recording;

/// <summary>
/// The chain writer of one session (the session grain owns one; single writer). It numbers events, links
/// each to the hash of the line before, stores a batch in one append, drops producer retries, and seals.
/// </summary>
public sealed class SessionRecorder : IAsyncDisposable
{
    private SessionRecorder()
    {
    }

    /// <summary>Sequence number the next event gets.</summary>
    public long NextSequence { get; private set; }

    /// <summary>Hash of the last stored line (the genesis hash before any).</summary>
    public string LastHash { get; private set; } = "";

    /// <summary>The highest producer batch number stored.</summary>
    public long LastSourceSequence { get; private set; }

    /// <summary>True once the seal is stored; no event may follow.</summary>
    public bool IsSealed { get; private set; }

    /// <summary>Opens (or resumes) the session's recording, continuing the chain from the last stored line.</summary>
    public static Task<SessionRecorder> OpenAsync(IRecordingStore store, Guid sessionId, RecordingLabels labels, TimeProvider time, CancellationToken ct) =>
        throw new NotImplementedException();

    /// <summary>Stores a producer batch, durably, in one store append. A batch whose
    /// <paramref name="sourceSequence"/> is not above <see cref="LastSourceSequence"/> was already stored
    /// (a producer retry) and is ignored. On failure nothing changes and the call can be retried.</summary>
    /// <param name="sourceSequence">The producer's batch number: 1, 2, 3, ...</param>
    public Task AppendAsync(IReadOnlyList<RecordingEvent> events, long sourceSequence, CancellationToken ct) =>
        throw new NotImplementedException();

    /// <summary>Stores the owner's own events (session opened, session closed): never taken for a producer retry.</summary>
    public Task AppendOwnAsync(IReadOnlyList<RecordingEvent> events, CancellationToken ct) =>
        throw new NotImplementedException();

    /// <summary>Appends the seal, marks the manifest, returns the anchor hash (the seal line's hash).
    /// Idempotent: once sealed, returns the same anchor.</summary>
    public Task<string> SealAsync(string reason, bool interrupted, CancellationToken ct) =>
        throw new NotImplementedException();

    public ValueTask DisposeAsync() => throw new NotImplementedException();
}
