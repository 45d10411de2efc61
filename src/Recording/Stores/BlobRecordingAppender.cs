using System.Text;
using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace Warden.Recording;

/// <summary>
/// The writer of one blob recording. Its state (current part, its length and block count, the manifest and
/// its ETag) changes only when a storage call is known to have succeeded, so a failed append can be called
/// again and starts from the same expected position.
/// </summary>
internal sealed partial class BlobRecordingAppender : IRecordingAppender
{
    private readonly BlobRecordingStore _store;
    private readonly Guid _sessionId;
    private ManifestDocument _manifest;
    private ETag _manifestETag;
    private long _position;
    private int _blocks;
    private byte[]? _lastLine;
    private string? _lastLineText;

    private BlobRecordingAppender(BlobRecordingStore store, Guid sessionId, ManifestDocument manifest, ETag manifestETag)
    {
        _store = store;
        _sessionId = sessionId;
        _manifest = manifest;
        _manifestETag = manifestETag;
    }

    public string? LastLine => _lastLine is null ? null : _lastLineText ??= Encoding.UTF8.GetString(_lastLine);

    public long StoredLines { get; private set; }

    private BlobRecordingStoreOptions Options => _store.Options;

    private string CurrentPart => _manifest.Parts[^1];

    public async Task AppendAsync(ReadOnlyMemory<byte> lines, int lineCount, CancellationToken ct)
    {
        AppendChecks.Validate(lines.Span, lineCount);
        var blocks = SplitBlocks(lines, Options.MaxBlockBytes);
        if (blocks.Count > Options.MaxBlocksPerPart || lines.Length > Options.MaxBytesPerPart)
        {
            throw new ArgumentException("an append larger than a whole part cannot be stored", nameof(lines));
        }

        // Roll before the service's limits would refuse the append, and only between appends, so an append
        // never spans two parts and its retry starts where the first attempt did.
        if (_position > 0 && (_blocks + blocks.Count > Options.MaxBlocksPerPart || _position + lines.Length > Options.MaxBytesPerPart))
        {
            await RollAsync(_position, ct).ConfigureAwait(false);
        }

        var client = Part(CurrentPart);
        var position = _position;
        var committedBlocks = _blocks;
        foreach (var block in blocks)
        {
            committedBlocks = await AppendBlockAsync(client, block, position, committedBlocks, ct).ConfigureAwait(false);
            position += block.Length;
        }

        _position = position;
        _blocks = committedBlocks;
        StoredLines += lineCount;
        _lastLine = LineSplitter.LastLine(lines.Span).ToArray();
        _lastLineText = null;
    }

    public Task CompleteAsync(RecordingStatus status, string anchorHash, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(anchorHash);
        return WriteManifestAsync(_manifest with { Status = status, AnchorHash = anchorHash, Lines = StoredLines }, ct);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>
    /// Appends one block at <paramref name="position"/>. A 412 "append position not met" after an earlier
    /// attempt whose answer was lost (our timeout, or the SDK's own retry) means the bytes may already be
    /// there: read that range back, and if it holds exactly these bytes the append is done. Anything else
    /// at that position is another writer's.
    /// </summary>
    internal async Task<int> AppendBlockAsync(AppendBlobClient client, ReadOnlyMemory<byte> block, long position, int blocks, CancellationToken ct)
    {
        var landed = await _store.RunAsync($"appending to {CurrentPart}", async token =>
        {
            try
            {
                using var content = new MemoryStream(block.ToArray(), writable: false);
                var info = await client.AppendBlockAsync(content, new AppendBlobAppendBlockOptions
                {
                    Conditions = new AppendBlobRequestConditions { IfAppendPositionEqual = position },
                }, token).ConfigureAwait(false);
                return (int?)info.Value.BlobCommittedBlockCount;
            }
            catch (RequestFailedException e) when (e.Status == 412 && e.ErrorCode == BlobErrorCode.AppendPositionConditionNotMet)
            {
                return null;
            }
        }, ct).ConfigureAwait(false);
        if (landed is { } count)
        {
            return count;
        }

        var stored = await _store.RunAsync($"checking {CurrentPart} at {position}", async token =>
        {
            try
            {
                var range = new HttpRange(position, block.Length);
                return (await client.DownloadContentAsync(new BlobDownloadOptions { Range = range }, token).ConfigureAwait(false)).Value.Content;
            }
            catch (RequestFailedException e) when (e.Status == 416)
            {
                return BinaryData.Empty;
            }
        }, ct).ConfigureAwait(false);
        if (stored.ToMemory().Span.SequenceEqual(block.Span))
        {
            return blocks + 1;
        }

        throw new RecordingConflictException(
            $"{BlobRecordingStore.BlobName(_sessionId, CurrentPart)} has other bytes at {position}: another writer appended to this recording");
    }

    /// <summary>Splits an append into blocks of at most <paramref name="maxBlockBytes"/>, cutting after a
    /// newline where one falls in the block, so a block boundary rarely splits a line.</summary>
    internal static List<ReadOnlyMemory<byte>> SplitBlocks(ReadOnlyMemory<byte> lines, int maxBlockBytes)
    {
        var blocks = new List<ReadOnlyMemory<byte>>();
        while (lines.Length > maxBlockBytes)
        {
            var cut = lines.Span[..maxBlockBytes].LastIndexOf((byte)'\n') + 1;
            if (cut == 0)
            {
                cut = maxBlockBytes;
            }

            blocks.Add(lines[..cut]);
            lines = lines[cut..];
        }

        blocks.Add(lines);
        return blocks;
    }

    private AppendBlobClient Part(string part) =>
        _store.Container.GetAppendBlobClient(BlobRecordingStore.BlobName(_sessionId, part));
}
