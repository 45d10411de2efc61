using System.Runtime.CompilerServices;

namespace Warden.Recording;

/// <summary>
/// Recordings as files: <c>root/&lt;sessionId&gt;/part-00000.jsonl</c>, ... and <c>manifest.json</c>.
/// Every append is flushed to disk (<c>fsync</c>) before it is acknowledged; on open, a torn trailing
/// partial line (a write that was never acknowledged) is cut off. The parts on disk are the truth; the
/// manifest (replaced atomically) is rewritten from them when it lags.
/// </summary>
public sealed class FileRecordingStore(string root, FileRecordingStoreOptions? options = null) : IRecordingStore
{
    internal const string ManifestFileName = "manifest.json";

    private readonly string _root = Path.GetFullPath(root);
    private readonly FileRecordingStoreOptions _options = options ?? new FileRecordingStoreOptions();

    public string Kind => "file";

    /// <summary>The folder holding the session's parts and manifest.</summary>
    public string SessionDirectory(Guid sessionId) => Path.Combine(_root, sessionId.ToString("D"));

    public async Task<IRecordingAppender> OpenAsync(Guid sessionId, RecordingLabels labels, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(labels);
        try
        {
            // Opening fsyncs (the new manifest, a cut torn tail): like appends, it blocks a disk thread, never the
            // thread pool, so many sessions opening at once (a CI fleet connecting) cannot starve the relay.
            ct.ThrowIfCancellationRequested();
            return await DiskThreads.RunAsync<IRecordingAppender>(
                () => FileRecordingAppender.OpenAsync(SessionDirectory(sessionId), sessionId, labels, _options, ct).GetAwaiter().GetResult())
                .ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RecordingStoreUnavailableException($"recording {sessionId:D} could not be opened: {e.Message}", e);
        }
    }

    public async IAsyncEnumerable<string> ReadLinesAsync(Guid sessionId, [EnumeratorCancellation] CancellationToken ct)
    {
        var directory = SessionDirectory(sessionId);
        if (!Directory.Exists(directory))
        {
            throw new RecordingNotFoundException($"no recording for session {sessionId:D}");
        }

        await foreach (var line in LineSplitter.ReadAsync(PartPaths(directory).Select(OpenPart), includeIncompleteTail: false, ct).ConfigureAwait(false))
        {
            yield return line;
        }
    }

    public async Task<RecordingManifest?> GetManifestAsync(Guid sessionId, CancellationToken ct)
    {
        var path = Path.Combine(SessionDirectory(sessionId), ManifestFileName);
        if (!File.Exists(path))
        {
            return null;
        }

        var bytes = await File.ReadAllBytesAsync(path, ct).ConfigureAwait(false);
        return ManifestDocument.FromJson(bytes).ToManifest();
    }

    public async IAsyncEnumerable<RecordingManifest> ListAsync([EnumeratorCancellation] CancellationToken ct)
    {
        if (!Directory.Exists(_root))
        {
            yield break;
        }

        foreach (var directory in Directory.EnumerateDirectories(_root))
        {
            if (Guid.TryParseExact(Path.GetFileName(directory), "D", out var sessionId)
                && await GetManifestAsync(sessionId, ct).ConfigureAwait(false) is { } manifest)
            {
                yield return manifest;
            }
        }
    }

    /// <summary>The part files of a recording folder, in order (their names sort by number).</summary>
    internal static string[] PartPaths(string directory)
    {
        var parts = Directory.GetFiles(directory, "part-*.jsonl");
        Array.Sort(parts, StringComparer.Ordinal);
        return parts;
    }

    /// <summary>Readers share the file with its writer, which appends whole lines only.</summary>
    internal static Func<CancellationToken, Task<Stream>> OpenPart(string path) => _ =>
        Task.FromResult<Stream>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete,
            bufferSize: 1, FileOptions.Asynchronous | FileOptions.SequentialScan));
}
