using System.Runtime.CompilerServices;
using Azure;
using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Warden.Recording;

/// <summary>
/// Recordings as Azure append blobs: <c>sessions/&lt;id&gt;/part-00000.jsonl</c>, ... and
/// <c>sessions/&lt;id&gt;/manifest.json</c> (written with ETag conditions). Every block is appended with an
/// append-position condition, so a retried append never duplicates or skips. Creates the container if missing.
/// </summary>
public sealed class BlobRecordingStore(BlobContainerClient container, BlobRecordingStoreOptions? options = null) : IRecordingStore
{
    private readonly BlobContainerClient _container = container;
    private readonly BlobRecordingStoreOptions _options = Validated(options ?? new BlobRecordingStoreOptions());
    private volatile bool _containerReady;

    public string Kind => "blob";

    internal BlobRecordingStoreOptions Options => _options;

    internal BlobContainerClient Container => _container;

    /// <summary>Client options that fail fast (one quick retry, a network timeout of half of
    /// <paramref name="operationTimeout"/>) instead of the SDK's default minutes of retrying, because a
    /// strict-mode session waits on every append. The store also bounds each operation by its own
    /// <see cref="BlobRecordingStoreOptions.OperationTimeout"/>, whatever client it is given.</summary>
    public static BlobClientOptions CreateClientOptions(TimeSpan operationTimeout)
    {
        var options = new BlobClientOptions();
        options.Retry.Mode = RetryMode.Fixed;
        options.Retry.MaxRetries = 1;
        options.Retry.Delay = TimeSpan.FromMilliseconds(100);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(500);
        options.Retry.NetworkTimeout = operationTimeout / 2;
        return options;
    }

    /// <summary>A store on <paramref name="containerName"/> with <see cref="CreateClientOptions"/>.</summary>
    public static BlobRecordingStore Create(string connectionString, string containerName, BlobRecordingStoreOptions? options = null)
    {
        options ??= new BlobRecordingStoreOptions();
        return new BlobRecordingStore(new BlobContainerClient(connectionString, containerName, CreateClientOptions(options.OperationTimeout)), options);
    }

    public async Task<IRecordingAppender> OpenAsync(Guid sessionId, RecordingLabels labels, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(labels);
        await EnsureContainerAsync(ct).ConfigureAwait(false);
        return await BlobRecordingAppender.OpenAsync(this, sessionId, labels, ct).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<string> ReadLinesAsync(Guid sessionId, [EnumeratorCancellation] CancellationToken ct)
    {
        var (manifest, _) = await ReadManifestAsync(sessionId, ct).ConfigureAwait(false);
        if (manifest is null)
        {
            throw new RecordingNotFoundException($"no recording for session {sessionId:D}");
        }

        var parts = manifest.Parts.Select((part, index) => OpenPart(sessionId, part, PartLimit(manifest, index)));
        await foreach (var line in LineSplitter.ReadAsync(parts, includeIncompleteTail: false, ct).ConfigureAwait(false))
        {
            yield return line;
        }
    }

    public async Task<RecordingManifest?> GetManifestAsync(Guid sessionId, CancellationToken ct) =>
        (await ReadManifestAsync(sessionId, ct).ConfigureAwait(false)).Manifest?.ToManifest();

    public async IAsyncEnumerable<RecordingManifest> ListAsync([EnumeratorCancellation] CancellationToken ct)
    {
        var names = new List<string>();
        try
        {
            await foreach (var blob in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = "sessions/" }, ct).ConfigureAwait(false))
            {
                if (blob.Name.EndsWith("/" + ManifestBlobName, StringComparison.Ordinal))
                {
                    names.Add(blob.Name);
                }
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            yield break;
        }
        catch (Exception e) when (BlobErrors.IsUnavailable(e, ct))
        {
            throw BlobErrors.Unavailable("listing recordings", e, _options.OperationTimeout);
        }

        foreach (var name in names)
        {
            if (Guid.TryParseExact(name.Split('/')[1], "D", out var sessionId)
                && await GetManifestAsync(sessionId, ct).ConfigureAwait(false) is { } manifest)
            {
                yield return manifest;
            }
        }
    }

    internal const string ManifestBlobName = "manifest.json";

    internal static string BlobName(Guid sessionId, string file) => $"sessions/{sessionId:D}/{file}";

    /// <summary>Runs one storage call within <see cref="BlobRecordingStoreOptions.OperationTimeout"/>; an
    /// unreachable or slow service becomes <see cref="RecordingStoreUnavailableException"/>.</summary>
    internal async Task<T> RunAsync<T>(string what, Func<CancellationToken, Task<T>> operation, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.OperationTimeout);
        try
        {
            return await operation(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (BlobErrors.IsUnavailable(e, ct))
        {
            throw BlobErrors.Unavailable(what, e, _options.OperationTimeout);
        }
    }

    internal async Task<(ManifestDocument? Manifest, ETag ETag)> ReadManifestAsync(Guid sessionId, CancellationToken ct)
    {
        var blob = _container.GetBlobClient(BlobName(sessionId, ManifestBlobName));
        return await RunAsync("reading the manifest", async token =>
        {
            try
            {
                var result = (await blob.DownloadContentAsync(token).ConfigureAwait(false)).Value;
                return ((ManifestDocument?)ManifestDocument.FromJson(result.Content.ToMemory().Span), result.Details.ETag);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                return (null, default);
            }
        }, ct).ConfigureAwait(false);
    }

    /// <summary>A closed part is read only up to its valid length (a part closed for a torn tail has bytes after it).</summary>
    private static long PartLimit(ManifestDocument manifest, int index) =>
        index < manifest.Parts.Count - 1 && manifest.ClosedPartBytes is { } closed && index < closed.Count ? closed[index] : long.MaxValue;

    private Func<CancellationToken, Task<Stream>> OpenPart(Guid sessionId, string part, long limit) => async ct =>
    {
        var blob = _container.GetBlobClient(BlobName(sessionId, part));
        var range = limit == long.MaxValue ? default : new HttpRange(0, limit);
        if (limit == 0)
        {
            return Stream.Null;
        }

        return await RunAsync($"reading {part}", async token =>
            (await blob.DownloadStreamingAsync(new BlobDownloadOptions { Range = range }, token).ConfigureAwait(false)).Value.Content, ct)
            .ConfigureAwait(false);
    };

    private async Task EnsureContainerAsync(CancellationToken ct)
    {
        if (_containerReady)
        {
            return;
        }

        await RunAsync("creating the container", token => _container.CreateIfNotExistsAsync(cancellationToken: token), ct).ConfigureAwait(false);
        _containerReady = true;
    }

    private static BlobRecordingStoreOptions Validated(BlobRecordingStoreOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBlocksPerPart, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.MaxBlocksPerPart, 50_000);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBlockBytes, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.MaxBlockBytes, 100 * 1024 * 1024);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBytesPerPart, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.OperationTimeout, TimeSpan.Zero);
        return options;
    }
}
