using Warden.Tests.Shared;
using System.Diagnostics;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Warden.Recording.Tests.Fixtures;

namespace Warden.Recording.Tests.Stores;

[Collection(AzuriteCollection.Name)]
public sealed class BlobRecordingStoreTests(AzuriteFixture azurite)
{
    private static RecordingLabels Labels => new("alice", "demo", TestEvents.Start);

    private static byte[] Line(string text) => System.Text.Encoding.UTF8.GetBytes(text + "\n");

    [Fact]
    public async Task AppendAsync_ThenRead_ReturnsTheLinesAndResumes()
    {
        var store = azurite.Store();
        var session = Guid.NewGuid();
        await using (var appender = await store.OpenAsync(session, Labels, CancellationToken.None))
        {
            Assert.Null(appender.LastLine);
            await appender.AppendAsync(Line("{\"n\":1}"), 1, CancellationToken.None);
            await appender.AppendAsync(Line("{\"n\":2}\n{\"n\":3}"), 2, CancellationToken.None);
        }

        Assert.Equal(["{\"n\":1}", "{\"n\":2}", "{\"n\":3}"], await TestRecordings.ToListAsync(store.ReadLinesAsync(session, CancellationToken.None)));
        await using var reopened = await store.OpenAsync(session, Labels, CancellationToken.None);
        Assert.Equal((3L, "{\"n\":3}"), (reopened.StoredLines, reopened.LastLine));
        await Assert.ThrowsAsync<RecordingNotFoundException>(() => TestRecordings.ToListAsync(store.ReadLinesAsync(Guid.NewGuid(), CancellationToken.None)));
    }

    [Fact]
    public async Task AppendAsync_PastMaxBlocksPerPart_RollsAndTheManifestNamesEveryPart()
    {
        var container = AzuriteFixture.NewContainerName();
        var store = new BlobRecordingStore(azurite.Container(container), new BlobRecordingStoreOptions { MaxBlocksPerPart = 3 });
        var session = Guid.NewGuid();
        string anchor;
        await using (var recorder = await SessionRecorder.OpenAsync(store, session, Labels, TimeProvider.System, CancellationToken.None))
        {
            await recorder.AppendAsync([TestEvents.Opened(session)], 1, CancellationToken.None);
            for (var i = 0; i < 7; i++)
            {
                await recorder.AppendAsync([TestEvents.Select($"SELECT {i}")], i + 2, CancellationToken.None);
            }

            anchor = await recorder.SealAsync("done", interrupted: false, CancellationToken.None);
        }

        var manifest = await store.GetManifestAsync(session, CancellationToken.None);
        Assert.Equal(["part-00000.jsonl", "part-00001.jsonl", "part-00002.jsonl"], manifest!.Parts);
        Assert.Equal((RecordingStatus.Sealed, 9L, anchor), (manifest.Status, manifest.Lines, manifest.AnchorHash));
        var blobs = new List<(string, long?)>();
        await foreach (var blob in azurite.Container(container).GetBlobsAsync(new GetBlobsOptions { Prefix = $"sessions/{session:D}/" }))
        {
            blobs.Add((blob.Name, blob.Properties.BlobType == BlobType.Append ? 1 : 0));
        }

        Assert.Equal(4, blobs.Count);
        var result = await RecordingVerifier.VerifyAsync(store.ReadLinesAsync(session, CancellationToken.None), anchor, CancellationToken.None);
        Assert.True(result.Ok, result.Failure?.Reason);
        Assert.Equal(9, result.Events);

        await using var reopened = await store.OpenAsync(session, Labels, CancellationToken.None);
        Assert.Equal(9, reopened.StoredLines);
        Assert.IsType<RecordingSealed>(RecordingFormat.Parse(reopened.LastLine!).Event);
    }

    [Fact]
    public async Task AppendAsync_RetryAtAStalePositionAfterTheBytesLanded_DoesNotDuplicate()
    {
        var store = azurite.Store();
        var session = Guid.NewGuid();
        await using var writer = await store.OpenAsync(session, Labels, CancellationToken.None);
        await using var stale = await store.OpenAsync(session, Labels, CancellationToken.None);   // expects position 0 too

        await writer.AppendAsync(Line("{\"n\":1}"), 1, CancellationToken.None);
        // The same bytes at the same expected position: the service answers 412, the appender reads the
        // range back, finds its bytes there, and treats the append as done.
        await stale.AppendAsync(Line("{\"n\":1}"), 1, CancellationToken.None);

        Assert.Equal(["{\"n\":1}"], await TestRecordings.ToListAsync(store.ReadLinesAsync(session, CancellationToken.None)));
        Assert.Equal((1L, "{\"n\":1}"), (stale.StoredLines, stale.LastLine));
        // Both continue at the same position: the next identical append is again recognised.
        await stale.AppendAsync(Line("{\"n\":2}"), 1, CancellationToken.None);
        await writer.AppendAsync(Line("{\"n\":2}"), 1, CancellationToken.None);
        Assert.Equal(2, (await TestRecordings.ToListAsync(store.ReadLinesAsync(session, CancellationToken.None))).Count);
    }

    [Fact]
    public async Task AppendAsync_OtherBytesAtTheExpectedPosition_IsAConflict()
    {
        var store = azurite.Store();
        var session = Guid.NewGuid();
        await using var writer = await store.OpenAsync(session, Labels, CancellationToken.None);
        await using var other = await store.OpenAsync(session, Labels, CancellationToken.None);
        await writer.AppendAsync(Line("{\"n\":1}"), 1, CancellationToken.None);

        await Assert.ThrowsAsync<RecordingConflictException>(() => other.AppendAsync(Line("{\"n\":9}"), 1, CancellationToken.None));

        Assert.Equal(["{\"n\":1}"], await TestRecordings.ToListAsync(store.ReadLinesAsync(session, CancellationToken.None)));
    }

    [Fact]
    public async Task AppendAsync_LargerThanABlock_IsSplitAtLineEnds()
    {
        var store = new BlobRecordingStore(azurite.Container(AzuriteFixture.NewContainerName()), new BlobRecordingStoreOptions { MaxBlockBytes = 64 });
        var session = Guid.NewGuid();
        var lines = Enumerable.Range(0, 20).Select(i => $"{{\"n\":{i},\"pad\":\"{new string('x', 10 + i)}\"}}").ToList();
        await using (var appender = await store.OpenAsync(session, Labels, CancellationToken.None))
        {
            await appender.AppendAsync(Line(string.Join('\n', lines)), lines.Count, CancellationToken.None);
        }

        Assert.Equal(lines, await TestRecordings.ToListAsync(store.ReadLinesAsync(session, CancellationToken.None)));
        Assert.Equal(["ab\n", "cd\n", "e"], BlobRecordingAppender.SplitBlocks("ab\ncd\ne"u8.ToArray(), 3).Select(b => System.Text.Encoding.UTF8.GetString(b.Span)));
    }

    [Fact]
    public async Task OpenAsync_TornTailFromASplitAppend_ClosesThePartAtItsLastLine()
    {
        var container = AzuriteFixture.NewContainerName();
        var store = new BlobRecordingStore(azurite.Container(container));
        var session = Guid.NewGuid();
        string anchor;
        await using (var recorder = await SessionRecorder.OpenAsync(store, session, Labels, TimeProvider.System, CancellationToken.None))
        {
            await recorder.AppendAsync([TestEvents.Opened(session), TestEvents.Select()], 1, CancellationToken.None);
        }

        // The first block of a split append landed, the writer died before the second.
        var part = azurite.Container(container).GetAppendBlobClient($"sessions/{session:D}/part-00000.jsonl");
        await part.AppendBlockAsync(new MemoryStream("{\"v\":1,\"session\":"u8.ToArray()));

        await using (var recorder = await SessionRecorder.OpenAsync(store, session, Labels, TimeProvider.System, CancellationToken.None))
        {
            Assert.Equal(2, recorder.NextSequence);
            await recorder.AppendAsync([TestEvents.Closed()], 2, CancellationToken.None);
            anchor = await recorder.SealAsync("done", interrupted: false, CancellationToken.None);
        }

        var manifest = await store.GetManifestAsync(session, CancellationToken.None);
        Assert.Equal(["part-00000.jsonl", "part-00001.jsonl"], manifest!.Parts);
        var result = await RecordingVerifier.VerifyAsync(store.ReadLinesAsync(session, CancellationToken.None), anchor, CancellationToken.None);
        Assert.True(result.Ok, result.Failure?.Reason);
        Assert.Equal(4, result.Events);
    }

    [Fact]
    public async Task ListAsync_ReturnsEveryManifest()
    {
        var store = azurite.Store();
        var sessions = new[] { Guid.NewGuid(), Guid.NewGuid() };
        foreach (var session in sessions)
        {
            await using var appender = await store.OpenAsync(session, Labels, CancellationToken.None);
            await appender.AppendAsync(Line("{}"), 1, CancellationToken.None);
        }

        var listed = new List<Guid>();
        await foreach (var manifest in store.ListAsync(CancellationToken.None))
        {
            listed.Add(manifest.SessionId);
        }

        Assert.Equal(sessions.Order(), listed.Order());
    }

    [Fact]
    public async Task AppendAsync_AzuriteStoppedMidSession_FailsFastThenResumesAfterRestart()
    {
        await using var server = await AzuriteServer.StartNewAsync();
        var options = new BlobRecordingStoreOptions { OperationTimeout = TimeSpan.FromSeconds(2) };
        var store = BlobRecordingStore.Create(server.ConnectionString, "outage", options);
        var session = Guid.NewGuid();
        var events = TestEvents.AllKinds(session);
        await using var recorder = await SessionRecorder.OpenAsync(store, session, Labels, TimeProvider.System, CancellationToken.None);
        await recorder.AppendAsync(events[..3], 1, CancellationToken.None);

        await server.StopAsync();
        var clock = Stopwatch.StartNew();
        var failure = await Assert.ThrowsAsync<RecordingStoreUnavailableException>(() => recorder.AppendAsync(events[3..6], 2, CancellationToken.None));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"took {clock.Elapsed}: {failure.Message}");
        Assert.Equal(3, recorder.NextSequence);

        await server.StartAsync();
        await recorder.AppendAsync(events[3..6], 2, CancellationToken.None);
        await recorder.AppendAsync(events[6..], 3, CancellationToken.None);
        var anchor = await recorder.SealAsync("done", interrupted: false, CancellationToken.None);

        var result = await RecordingVerifier.VerifyAsync(store.ReadLinesAsync(session, CancellationToken.None), anchor, CancellationToken.None);
        Assert.True(result.Ok, result.Failure?.Reason);
        Assert.Equal(10, result.Events);
    }

    [Fact]
    public async Task OpenAsync_Unreachable_FailsWithinTheOperationTimeout()
    {
        await using var server = await AzuriteServer.StartNewAsync();
        await server.StopAsync();
        var store = BlobRecordingStore.Create(server.ConnectionString, "down", new BlobRecordingStoreOptions { OperationTimeout = TimeSpan.FromSeconds(1) });
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAsync<RecordingStoreUnavailableException>(() => store.OpenAsync(Guid.NewGuid(), Labels, CancellationToken.None));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
    }
}
