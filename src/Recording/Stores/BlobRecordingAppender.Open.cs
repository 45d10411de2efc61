using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace Warden.Recording;

/// <summary>Opening, resuming and rolling: everything that changes which part is current.</summary>
internal sealed partial class BlobRecordingAppender
{
    public static async Task<BlobRecordingAppender> OpenAsync(BlobRecordingStore store, Guid sessionId, RecordingLabels labels, CancellationToken ct)
    {
        var (manifest, etag) = await store.ReadManifestAsync(sessionId, ct).ConfigureAwait(false);
        if (manifest is null)
        {
            // Part first, then the manifest naming it: a manifest never names a part that was not created.
            var created = ManifestDocument.Create(sessionId, labels, store.Options.TimeProvider.GetUtcNow());
            var fresh = new BlobRecordingAppender(store, sessionId, created, default);
            await fresh.CreatePartAsync(created.Parts[0], ct).ConfigureAwait(false);
            if (await fresh.TryCreateManifestAsync(ct).ConfigureAwait(false))
            {
                return fresh;
            }

            (manifest, etag) = await store.ReadManifestAsync(sessionId, ct).ConfigureAwait(false);
            if (manifest is null)
            {
                throw new RecordingStoreUnavailableException($"blob store: the manifest of {sessionId:D} vanished while it was created");
            }
        }

        if (manifest.SessionId != sessionId)
        {
            throw new RecordingConflictException($"the manifest of {sessionId:D} names session {manifest.SessionId:D}");
        }

        var appender = new BlobRecordingAppender(store, sessionId, manifest, etag);
        await appender.ResumeAsync(ct).ConfigureAwait(false);
        return appender;
    }

    /// <summary>Finds the end of the current part: its length and block count, its complete lines and the
    /// last one. A torn tail (an append split into blocks and cut off between them) cannot be removed from
    /// an append blob, so the part is closed at its last whole line and writing goes on in a new part.</summary>
    private async Task ResumeAsync(CancellationToken ct)
    {
        var client = Part(CurrentPart);
        var properties = await _store.RunAsync($"reading {CurrentPart}", async token =>
        {
            try
            {
                return (await client.GetPropertiesAsync(cancellationToken: token).ConfigureAwait(false)).Value;
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                return null;
            }
        }, ct).ConfigureAwait(false);
        if (properties is null)
        {
            throw new RecordingConflictException($"{BlobRecordingStore.BlobName(_sessionId, CurrentPart)} named by the manifest is missing");
        }

        _position = properties.ContentLength;
        _blocks = properties.BlobCommittedBlockCount;
        var scan = await ScanAsync(client, CurrentPart, _position, ct).ConfigureAwait(false);
        StoredLines = _manifest.ClosedPartLines + scan.Lines;
        if (scan.Lines > 0)
        {
            _lastLine = await ReadRangeAsync(client, CurrentPart, scan.LastLineStart, scan.LastLineLength, ct).ConfigureAwait(false);
        }
        else if (_manifest.Parts.Count > 1)
        {
            await ReadLastLineOfPreviousPartAsync(ct).ConfigureAwait(false);
        }

        if (scan.IsTorn)
        {
            await RollAsync(scan.ValidLength, ct).ConfigureAwait(false);
        }
    }

    private async Task ReadLastLineOfPreviousPartAsync(CancellationToken ct)
    {
        var index = _manifest.Parts.Count - 2;
        var name = _manifest.Parts[index];
        var client = Part(name);
        var limit = _manifest.ClosedPartBytes is { } closed && index < closed.Count ? closed[index] : long.MaxValue;
        var scan = await ScanAsync(client, name, limit, ct).ConfigureAwait(false);
        if (scan.Lines > 0)
        {
            _lastLine = await ReadRangeAsync(client, name, scan.LastLineStart, scan.LastLineLength, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Closes the current part at <paramref name="validLength"/> and makes a new empty part current.</summary>
    private async Task RollAsync(long validLength, CancellationToken ct)
    {
        var next = ManifestDocument.PartName(_manifest.Parts.Count);
        await CreatePartAsync(next, ct).ConfigureAwait(false);
        var closed = (_manifest.ClosedPartBytes ?? []).ToList();
        closed.Add(validLength);
        await WriteManifestAsync(_manifest with
        {
            Parts = [.. _manifest.Parts, next],
            ClosedPartBytes = closed,
            ClosedPartLines = StoredLines,
            Lines = StoredLines,
        }, ct).ConfigureAwait(false);
        _position = 0;
        _blocks = 0;
    }

    /// <summary>Creates an empty append blob. One that exists already is fine only if it is still empty
    /// (an earlier roll of ours that failed before its manifest write).</summary>
    private async Task CreatePartAsync(string part, CancellationToken ct)
    {
        var client = Part(part);
        var created = await _store.RunAsync($"creating {part}", async token =>
            await client.CreateIfNotExistsAsync(new AppendBlobCreateOptions(), token).ConfigureAwait(false) is not null, ct).ConfigureAwait(false);
        if (created)
        {
            return;
        }

        var length = await _store.RunAsync($"reading {part}", async token =>
            (await client.GetPropertiesAsync(cancellationToken: token).ConfigureAwait(false)).Value.ContentLength, ct).ConfigureAwait(false);
        if (length != 0)
        {
            throw new RecordingConflictException($"{BlobRecordingStore.BlobName(_sessionId, part)} already holds data: another writer");
        }
    }

    private async Task<bool> TryCreateManifestAsync(CancellationToken ct)
    {
        try
        {
            await UploadManifestAsync(_manifest, new BlobRequestConditions { IfNoneMatch = ETag.All }, ct).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>Replaces the manifest if it is still the one this writer last wrote. When the ETag no longer
    /// matches, our previous write may have landed without its answer: if the stored manifest already says
    /// what we meant to write, take its ETag; otherwise someone else changed it.</summary>
    private async Task WriteManifestAsync(ManifestDocument manifest, CancellationToken ct)
    {
        try
        {
            await UploadManifestAsync(manifest, new BlobRequestConditions { IfMatch = _manifestETag }, ct).ConfigureAwait(false);
            return;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
        }

        var (stored, etag) = await _store.ReadManifestAsync(_sessionId, ct).ConfigureAwait(false);
        if (stored is not null && stored.Parts.SequenceEqual(manifest.Parts) && stored.Status == manifest.Status
            && stored.AnchorHash == manifest.AnchorHash)
        {
            _manifest = stored;
            _manifestETag = etag;
            return;
        }

        throw new RecordingConflictException($"the manifest of {_sessionId:D} was changed by another writer");
    }

    private async Task UploadManifestAsync(ManifestDocument manifest, BlobRequestConditions conditions, CancellationToken ct)
    {
        manifest = manifest with { UpdatedAt = Options.TimeProvider.GetUtcNow() };
        var blob = _store.Container.GetBlobClient(BlobRecordingStore.BlobName(_sessionId, BlobRecordingStore.ManifestBlobName));
        var info = await _store.RunAsync("writing the manifest", async token =>
            (await blob.UploadAsync(new BinaryData(manifest.ToJson()), new BlobUploadOptions
            {
                Conditions = conditions,
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
            }, token).ConfigureAwait(false)).Value, ct).ConfigureAwait(false);
        _manifest = manifest;
        _manifestETag = info.ETag;
    }

    private async Task<LineScan> ScanAsync(AppendBlobClient client, string part, long limit, CancellationToken ct)
    {
        if (limit == 0)
        {
            return default;
        }

        try
        {
            var stream = await _store.RunAsync($"reading {part}", async token =>
                (await client.DownloadStreamingAsync(new BlobDownloadOptions
                {
                    Range = limit == long.MaxValue ? default : new HttpRange(0, limit),
                }, token).ConfigureAwait(false)).Value.Content, ct).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return await LineScan.ScanAsync(stream, limit, ct).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException)
        {
            throw BlobErrors.Unavailable($"reading {part}", e, Options.OperationTimeout);
        }
    }

    private async Task<byte[]> ReadRangeAsync(AppendBlobClient client, string part, long start, long length, CancellationToken ct) => length == 0 ? [] :
        await _store.RunAsync($"reading {part}", async token =>
            (await client.DownloadContentAsync(new BlobDownloadOptions { Range = new HttpRange(start, length) }, token).ConfigureAwait(false))
                .Value.Content.ToArray(), ct).ConfigureAwait(false);
}
