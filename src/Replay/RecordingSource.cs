using Warden.Recording;

namespace Warden.Replay;

/// <summary>Where the lines come from, and the anchor its manifest records (if any).</summary>
internal sealed record RecordingSource(string Description, Func<CancellationToken, IAsyncEnumerable<string>> ReadLines, string? ManifestAnchor, IReadOnlyList<string> Warnings)
{
    /// <summary>A recording folder, a part file, or a manifest.json (meaning its folder).</summary>
    /// <exception cref="IOException">The path is not there or not readable.</exception>
    public static async Task<RecordingSource> FromPathAsync(string path, CancellationToken ct)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full) && !string.Equals(Path.GetFileName(full), FileRecordingStore.ManifestFileName, StringComparison.Ordinal))
        {
            // One part file, read as it is (a torn last line is shown, not hidden).
            return new RecordingSource(full, ct => LineSplitter.ReadAsync([FileRecordingStore.OpenPart(full)], includeIncompleteTail: true, ct), null, []);
        }

        var directory = File.Exists(full) ? Path.GetDirectoryName(full)! : full;
        if (!Directory.Exists(directory))
        {
            throw new FileNotFoundException($"no such recording: {path}");
        }

        var parts = FileRecordingStore.PartPaths(directory);
        var warnings = new List<string>();
        string? anchor = null;
        var manifestPath = Path.Combine(directory, FileRecordingStore.ManifestFileName);
        if (File.Exists(manifestPath))
        {
            var manifest = ManifestDocument.FromJson(await File.ReadAllBytesAsync(manifestPath, ct).ConfigureAwait(false));
            anchor = manifest.AnchorHash;
            var onDisk = parts.Select(part => Path.GetFileName(part)).ToHashSet(StringComparer.Ordinal);
            warnings.AddRange(manifest.Parts.Where(part => !onDisk.Contains(part)).Select(part => $"the manifest names {part}, which is missing"));
        }

        if (parts.Length == 0)
        {
            throw new FileNotFoundException($"no part-*.jsonl files in {directory}");
        }

        return new RecordingSource(directory,
            ct => LineSplitter.ReadAsync(parts.Select(FileRecordingStore.OpenPart), includeIncompleteTail: true, ct), anchor, warnings);
    }

    public static async Task<RecordingSource> FromBlobAsync(string connectionString, string container, Guid session, CancellationToken ct)
    {
        var store = BlobRecordingStore.Create(connectionString, container, new BlobRecordingStoreOptions { OperationTimeout = TimeSpan.FromSeconds(30) });
        var manifest = await store.GetManifestAsync(session, ct).ConfigureAwait(false)
            ?? throw new RecordingNotFoundException($"no recording for session {session:D} in container {container}");
        return new RecordingSource($"blob {container}/sessions/{session:D}", ct => store.ReadLinesAsync(session, ct), manifest.AnchorHash, []);
    }
}
