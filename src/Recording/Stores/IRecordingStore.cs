namespace Warden.Recording;

/// <summary>
/// Where recordings live. One session's recording is one or more parts (append-only line files or append
/// blobs) and a manifest naming them. A store never interprets lines; the chain is the
/// <see cref="SessionRecorder"/>'s and the <see cref="RecordingVerifier"/>'s business.
/// </summary>
public interface IRecordingStore
{
    /// <summary><c>file</c> or <c>blob</c>, for logs and the REST API.</summary>
    string Kind { get; }

    /// <summary>Creates the session's recording, or resumes it after its last complete stored line.</summary>
    /// <exception cref="RecordingStoreUnavailableException">The store cannot be reached in time.</exception>
    Task<IRecordingAppender> OpenAsync(Guid sessionId, RecordingLabels labels, CancellationToken ct);

    /// <summary>Every complete line of every part, in order, without newlines.</summary>
    /// <exception cref="RecordingNotFoundException">No recording for this session (thrown when enumeration starts).</exception>
    IAsyncEnumerable<string> ReadLinesAsync(Guid sessionId, CancellationToken ct);

    /// <summary>The session's manifest, or null when there is no recording.</summary>
    Task<RecordingManifest?> GetManifestAsync(Guid sessionId, CancellationToken ct);

    /// <summary>Every recording's manifest, in no particular order.</summary>
    IAsyncEnumerable<RecordingManifest> ListAsync(CancellationToken ct);
}
