namespace Warden.Recording.Tests.Fixtures;

/// <summary>A store whose next append fails in a chosen way: before anything is written, after the bytes
/// landed (the reply was lost), or after only the first line landed (a torn write cut back to whole lines).</summary>
internal sealed class FlakyStore(IRecordingStore inner) : IRecordingStore
{
    public enum Failure { None, BeforeAppend, AfterAppend, FirstLineOnly }

    public Failure Next { get; set; }

    public string Kind => inner.Kind;

    public async Task<IRecordingAppender> OpenAsync(Guid sessionId, RecordingLabels labels, CancellationToken ct) =>
        new Appender(this, await inner.OpenAsync(sessionId, labels, ct));

    public IAsyncEnumerable<string> ReadLinesAsync(Guid sessionId, CancellationToken ct) => inner.ReadLinesAsync(sessionId, ct);

    public Task<RecordingManifest?> GetManifestAsync(Guid sessionId, CancellationToken ct) => inner.GetManifestAsync(sessionId, ct);

    public IAsyncEnumerable<RecordingManifest> ListAsync(CancellationToken ct) => inner.ListAsync(ct);

    private sealed class Appender(FlakyStore store, IRecordingAppender inner) : IRecordingAppender
    {
        public string? LastLine => inner.LastLine;

        public long StoredLines => inner.StoredLines;

        public async Task AppendAsync(ReadOnlyMemory<byte> lines, int lineCount, CancellationToken ct)
        {
            var failure = store.Next;
            store.Next = Failure.None;
            switch (failure)
            {
                case Failure.BeforeAppend:
                    throw new RecordingStoreUnavailableException("test: store down");
                case Failure.AfterAppend:
                    await inner.AppendAsync(lines, lineCount, ct);
                    throw new RecordingStoreUnavailableException("test: reply lost");
                case Failure.FirstLineOnly:
                    await inner.AppendAsync(lines[..(lines.Span.IndexOf((byte)'\n') + 1)], 1, ct);
                    throw new RecordingStoreUnavailableException("test: torn write");
                default:
                    await inner.AppendAsync(lines, lineCount, ct);
                    break;
            }
        }

        public Task CompleteAsync(RecordingStatus status, string anchorHash, CancellationToken ct) => inner.CompleteAsync(status, anchorHash, ct);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
