namespace Warden.Recording;

/// <summary>
/// The single writer of one session's recording, opened by <see cref="IRecordingStore.OpenAsync"/>. Appends
/// are durable when their task completes, and safe to retry: after an ambiguous failure (a timeout, a lost
/// reply), calling <see cref="AppendAsync"/> again with the same bytes stores them exactly once.
/// </summary>
public interface IRecordingAppender : IAsyncDisposable
{
    /// <summary>The last complete stored line (without newline), recovered on open; null if none.</summary>
    string? LastLine { get; }

    /// <summary>Complete lines stored across all parts.</summary>
    long StoredLines { get; }

    /// <summary>Appends one or more <c>'\n'</c>-terminated lines; durable when the task completes.</summary>
    /// <param name="lines">Whole lines only, each ending in <c>'\n'</c>.</param>
    /// <param name="lineCount">How many lines <paramref name="lines"/> holds.</param>
    /// <exception cref="RecordingStoreUnavailableException">Not stored for certain; retry with the same bytes.</exception>
    /// <exception cref="RecordingConflictException">Someone else wrote to this recording.</exception>
    Task AppendAsync(ReadOnlyMemory<byte> lines, int lineCount, CancellationToken ct);

    /// <summary>Marks the manifest sealed or interrupted and stores the anchor (the seal line's hash).</summary>
    Task CompleteAsync(RecordingStatus status, string anchorHash, CancellationToken ct);
}
