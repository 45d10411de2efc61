using System.Text;
using Warden.Recording.Tests.Fixtures;

namespace Warden.Recording.Tests.Stores;

public sealed class FileRecordingStoreTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    private static RecordingLabels Labels => new("alice", "demo", TestEvents.Start);

    public void Dispose() => _directory.Dispose();

    private static async Task<string> RecordAsync(IRecordingStore store, Guid session, int batches, bool seal = true)
    {
        await using var recorder = await SessionRecorder.OpenAsync(store, session, Labels, TimeProvider.System, CancellationToken.None);
        await recorder.AppendAsync([TestEvents.Opened(session)], 1, CancellationToken.None);
        for (var i = 0; i < batches; i++)
        {
            await recorder.AppendAsync([TestEvents.Select($"SELECT {i}"), TestEvents.Result()], i + 2, CancellationToken.None);
        }

        return seal ? await recorder.SealAsync("done", interrupted: false, CancellationToken.None) : recorder.LastHash;
    }

    [Fact]
    public async Task OpenAsync_TornTrailingLine_IsCutOffAndTheChainContinues()
    {
        var store = new FileRecordingStore(_directory.Path);
        var session = Guid.NewGuid();
        await RecordAsync(store, session, batches: 2, seal: false);
        var part = Path.Combine(store.SessionDirectory(session), "part-00000.jsonl");
        var intact = new FileInfo(part).Length;
        await File.AppendAllTextAsync(part, "{\"v\":1,\"session\":\"" + session + "\",\"seq\":5,\"src");

        await using (var appender = await store.OpenAsync(session, Labels, CancellationToken.None))
        {
            Assert.Equal(5, appender.StoredLines);
            Assert.Equal(4, RecordingFormat.Parse(appender.LastLine!).Sequence);
        }

        Assert.Equal(intact, new FileInfo(part).Length);
        await using (var recorder = await SessionRecorder.OpenAsync(store, session, Labels, TimeProvider.System, CancellationToken.None))
        {
            Assert.Equal(5, recorder.NextSequence);
            await recorder.AppendAsync([TestEvents.Closed()], 10, CancellationToken.None);
            var anchor = await recorder.SealAsync("done", interrupted: false, CancellationToken.None);
            var result = await RecordingVerifier.VerifyAsync(store.ReadLinesAsync(session, CancellationToken.None), anchor, CancellationToken.None);
            Assert.True(result.Ok, result.Failure?.Reason);
        }
    }

    [Fact]
    public async Task AppendAsync_PastMaxPartBytes_RollsToNewPartsNamedByTheManifest()
    {
        var store = new FileRecordingStore(_directory.Path, new FileRecordingStoreOptions { MaxPartBytes = 1500 });
        var session = Guid.NewGuid();

        var anchor = await RecordAsync(store, session, batches: 6);

        var files = Directory.GetFiles(store.SessionDirectory(session), "part-*.jsonl").Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count >= 3, $"expected several parts, got {files.Count}");
        Assert.All(files.SkipLast(1), file => Assert.True(new FileInfo(Path.Combine(store.SessionDirectory(session), file)).Length <= 1500));
        var manifest = await store.GetManifestAsync(session, CancellationToken.None);
        Assert.Equal(files, manifest!.Parts);
        Assert.Equal((RecordingStatus.Sealed, 14L, anchor), (manifest.Status, manifest.Lines, manifest.AnchorHash));
        var result = await RecordingVerifier.VerifyAsync(store.ReadLinesAsync(session, CancellationToken.None), anchor, CancellationToken.None);
        Assert.True(result.Ok, result.Failure?.Reason);
        Assert.Equal(14, result.Events);

        // Resuming after a roll finds the last line in the last non-empty part.
        await using var appender = await store.OpenAsync(session, Labels, CancellationToken.None);
        Assert.Equal(14, appender.StoredLines);
        Assert.IsType<RecordingSealed>(RecordingFormat.Parse(appender.LastLine!).Event);
    }

    [Fact]
    public async Task AppendAsync_AfterAFailedWrite_OverwritesTheTornBytes()
    {
        var store = new FileRecordingStore(_directory.Path);
        var session = Guid.NewGuid();
        await using var appender = await store.OpenAsync(session, Labels, CancellationToken.None);
        await appender.AppendAsync("{\"a\":1}\n"u8.ToArray(), 1, CancellationToken.None);
        var part = Path.Combine(store.SessionDirectory(session), "part-00000.jsonl");
        await using (var torn = new FileStream(part, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
        {
            torn.Seek(0, SeekOrigin.End);
            torn.Write("{\"b\":"u8);
        }

        await appender.AppendAsync("{\"b\":2}\n"u8.ToArray(), 1, CancellationToken.None);

        Assert.Equal("{\"a\":1}\n{\"b\":2}\n", await File.ReadAllTextAsync(part));
        Assert.Equal((2L, "{\"b\":2}"), (appender.StoredLines, appender.LastLine));
    }

    [Fact]
    public async Task AppendAsync_NotWholeLines_IsRefused()
    {
        var store = new FileRecordingStore(_directory.Path);
        await using var appender = await store.OpenAsync(Guid.NewGuid(), Labels, CancellationToken.None);

        await Assert.ThrowsAsync<ArgumentException>(() => appender.AppendAsync("{}"u8.ToArray(), 1, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => appender.AppendAsync("{}\n{}\n"u8.ToArray(), 1, CancellationToken.None));
    }

    [Fact]
    public async Task ReadLinesAsync_UnknownSession_Throws()
    {
        var store = new FileRecordingStore(_directory.Path);

        await Assert.ThrowsAsync<RecordingNotFoundException>(() => TestRecordings.ToListAsync(store.ReadLinesAsync(Guid.NewGuid(), CancellationToken.None)));
        Assert.Null(await store.GetManifestAsync(Guid.NewGuid(), CancellationToken.None));
    }

    [Fact]
    public async Task ListAsync_ReturnsEveryManifest()
    {
        var store = new FileRecordingStore(_directory.Path);
        var sealedSession = Guid.NewGuid();
        var openSession = Guid.NewGuid();
        await RecordAsync(store, sealedSession, batches: 1);
        await RecordAsync(store, openSession, batches: 1, seal: false);
        Directory.CreateDirectory(Path.Combine(_directory.Path, "not-a-session"));

        var manifests = new List<RecordingManifest>();
        await foreach (var manifest in store.ListAsync(CancellationToken.None))
        {
            manifests.Add(manifest);
        }

        Assert.Equal(
            [(openSession, RecordingStatus.Open), (sealedSession, RecordingStatus.Sealed)],
            manifests.Select(m => (m.SessionId, m.Status)).OrderBy(m => m.SessionId != openSession));
        Assert.All(manifests, m => Assert.Equal(("alice", "demo", TestEvents.Start), (m.Subject, m.Target, m.StartedAt)));
    }

    [Fact]
    public async Task ManifestJson_IsCamelCaseWithLowercaseStatus()
    {
        var store = new FileRecordingStore(_directory.Path);
        var session = Guid.NewGuid();
        var anchor = await RecordAsync(store, session, batches: 1);

        var json = await File.ReadAllTextAsync(Path.Combine(store.SessionDirectory(session), "manifest.json"), Encoding.UTF8);

        Assert.Contains("\"status\":\"sealed\"", json, StringComparison.Ordinal);
        Assert.Contains($"\"anchorHash\":\"{anchor}\"", json, StringComparison.Ordinal);
        Assert.Contains("\"parts\":[\"part-00000.jsonl\"]", json, StringComparison.Ordinal);
    }
}
