using System.Text;

namespace Warden.Recording;

/// <summary>The writer of one file recording. Holds the current part open; every append is written at the
/// last acknowledged length and fsynced, so a retry after a failed write overwrites its torn bytes instead
/// of duplicating them.</summary>
internal sealed class FileRecordingAppender : IRecordingAppender
{
    private readonly string _directory;
    private readonly FileRecordingStoreOptions _options;
    private readonly List<string> _parts;
    private ManifestDocument _manifest;
    private FileStream _current;
    private long _length;
    private byte[]? _lastLine;
    private string? _lastLineText;

    private FileRecordingAppender(string directory, FileRecordingStoreOptions options, ManifestDocument manifest, List<string> parts,
        FileStream current, long storedLines, byte[]? lastLine)
    {
        _directory = directory;
        _options = options;
        _manifest = manifest;
        _parts = parts;
        _current = current;
        _length = current.Length;
        StoredLines = storedLines;
        _lastLine = lastLine;
    }

    public string? LastLine => _lastLine is null ? null : _lastLineText ??= Encoding.UTF8.GetString(_lastLine);

    public long StoredLines { get; private set; }

    public static async Task<FileRecordingAppender> OpenAsync(string directory, Guid sessionId, RecordingLabels labels, FileRecordingStoreOptions options, CancellationToken ct)
    {
        Directory.CreateDirectory(directory);
        var manifestPath = Path.Combine(directory, FileRecordingStore.ManifestFileName);
        var manifest = File.Exists(manifestPath)
            ? ManifestDocument.FromJson(File.ReadAllBytes(manifestPath))
            : ManifestDocument.Create(sessionId, labels, options.TimeProvider.GetUtcNow());
        if (manifest.SessionId != sessionId)
        {
            throw new RecordingConflictException($"{manifestPath} belongs to session {manifest.SessionId:D}");
        }

        var paths = FileRecordingStore.PartPaths(directory);
        var parts = paths.Select(path => Path.GetFileName(path)).ToList();
        if (parts.Count == 0)
        {
            parts.Add(ManifestDocument.PartName(0));
        }

        var current = OpenForAppend(Path.Combine(directory, parts[^1]));
        try
        {
            CutTornTail(current);
            long lines = 0;
            byte[]? lastLine = null;
            foreach (var path in paths)
            {
                var (count, last) = await CountLinesAsync(path, ct).ConfigureAwait(false);
                lines += count;
                lastLine = last ?? lastLine;
            }

            var appender = new FileRecordingAppender(directory, options, manifest, parts, current, lines, lastLine);
            if (!File.Exists(manifestPath) || !manifest.Parts.SequenceEqual(parts))
            {
                appender.WriteManifest(manifest with { Parts = [.. parts], Lines = lines });
            }

            return appender;
        }
        catch
        {
            current.Dispose();
            throw;
        }
    }

    public async Task AppendAsync(ReadOnlyMemory<byte> lines, int lineCount, CancellationToken ct)
    {
        AppendChecks.Validate(lines.Span, lineCount);
        try
        {
            ct.ThrowIfCancellationRequested();
            await DiskThreads.RunAsync(() => Append(lines.Span, lineCount)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RecordingStoreUnavailableException($"append to {_parts[^1]} failed: {e.Message}", e);
        }
    }

    public async Task CompleteAsync(RecordingStatus status, string anchorHash, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(anchorHash);
        try
        {
            ct.ThrowIfCancellationRequested();
            await DiskThreads.RunAsync(() => WriteManifest(_manifest with { Status = status, AnchorHash = anchorHash, Lines = StoredLines }))
                .ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RecordingStoreUnavailableException($"manifest of {_directory} could not be written: {e.Message}", e);
        }
    }

    public ValueTask DisposeAsync() => _current.DisposeAsync();

    private void Append(ReadOnlySpan<byte> lines, int lineCount)
    {
        if (_length > 0 && _length + lines.Length > _options.MaxPartBytes)
        {
            Roll();
        }

        // Write at the acknowledged length: a previous failed attempt may have left torn bytes past it.
        if (_current.Length != _length)
        {
            _current.SetLength(_length);
        }

        _current.Position = _length;
        _current.Write(lines);
        _current.Flush(flushToDisk: true);
        _length += lines.Length;
        StoredLines += lineCount;
        _lastLine = LineSplitter.LastLine(lines).ToArray();
        _lastLineText = null;
    }

    private void Roll()
    {
        var next = ManifestDocument.PartName(_parts.Count);
        var stream = OpenForAppend(Path.Combine(_directory, next));
        _current.Dispose();
        _current = stream;
        _parts.Add(next);
        _length = stream.Length;
        WriteManifest(_manifest with
        {
            Parts = [.. _parts],
            Lines = StoredLines,
            ClosedPartLines = StoredLines,
        });
    }

    private void WriteManifest(ManifestDocument manifest)
    {
        manifest = manifest with { UpdatedAt = _options.TimeProvider.GetUtcNow() };
        var path = Path.Combine(_directory, FileRecordingStore.ManifestFileName);
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(manifest.ToJson());
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        _manifest = manifest;
    }

    private static FileStream OpenForAppend(string path) =>
        new(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0);

    /// <summary>Bytes after the last newline were never acknowledged (the process died mid-write): drop them.</summary>
    private static void CutTornTail(FileStream stream)
    {
        var end = stream.Length;
        var keep = end;
        var buffer = new byte[64 * 1024];
        while (keep > 0)
        {
            var start = Math.Max(0, keep - buffer.Length);
            var count = (int)(keep - start);
            stream.Position = start;
            stream.ReadExactly(buffer, 0, count);
            var newline = buffer.AsSpan(0, count).LastIndexOf((byte)'\n');
            if (newline >= 0)
            {
                keep = start + newline + 1;
                break;
            }

            keep = start;
        }

        if (keep != end)
        {
            stream.SetLength(keep);
            stream.Flush(flushToDisk: true);
        }
    }

    private static async Task<(long Lines, byte[]? LastLine)> CountLinesAsync(string path, CancellationToken ct)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1, FileOptions.Asynchronous);
        await using var _ = stream.ConfigureAwait(false);
        var scan = await LineScan.ScanAsync(stream, long.MaxValue, ct).ConfigureAwait(false);
        if (scan.Lines == 0)
        {
            return (0, null);
        }

        var last = new byte[scan.LastLineLength];
        stream.Position = scan.LastLineStart;
        await stream.ReadExactlyAsync(last, ct).ConfigureAwait(false);
        return (scan.Lines, last);
    }
}
