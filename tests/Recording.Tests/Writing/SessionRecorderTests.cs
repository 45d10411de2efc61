using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Warden.Recording.Tests.Fixtures;

namespace Warden.Recording.Tests.Writing;

/// <summary>The chain writer's contract, run over every store (subclasses below).</summary>
public abstract class SessionRecorderTests
{
    private readonly FakeTimeProvider _time = new(TestEvents.Start);

    protected abstract IRecordingStore CreateStore();

    private static RecordingLabels Labels => new("alice", "demo", TestEvents.Start);

    private Task<SessionRecorder> Open(IRecordingStore store, Guid session) =>
        SessionRecorder.OpenAsync(store, session, Labels, _time, CancellationToken.None);

    private static Task<VerificationResult> Verify(IRecordingStore store, Guid session, string? anchor, bool allowOpen = false) =>
        RecordingVerifier.VerifyAsync(store.ReadLinesAsync(session, CancellationToken.None), anchor, allowOpen, CancellationToken.None);

    private static string Json(RecordingEvent e) => JsonSerializer.Serialize(e, RecordingJsonContext.Instance.RecordingEvent);

    [Fact]
    public async Task AppendAsync_Batches_ComeBackCompleteAndInOrder()
    {
        var store = CreateStore();
        var session = Guid.NewGuid();
        var events = TestEvents.AllKinds(session);
        string anchor;
        await using (var recorder = await Open(store, session))
        {
            await recorder.AppendAsync(events[..1], 1, CancellationToken.None);
            _time.Advance(TimeSpan.FromMilliseconds(40));
            await recorder.AppendAsync(events[1..5], 2, CancellationToken.None);
            await recorder.AppendAsync(events[5..], 3, CancellationToken.None);
            anchor = await recorder.SealAsync("client terminated", interrupted: false, CancellationToken.None);
            Assert.Equal(10, recorder.NextSequence);
            Assert.Equal(anchor, recorder.LastHash);
        }

        var lines = (await TestRecordings.ToListAsync(store.ReadLinesAsync(session, CancellationToken.None))).Select(RecordingFormat.Parse).ToList();
        Assert.Equal(events.Select(Json), lines.Take(events.Length).Select(line => Json(line.Event)));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), lines.Select(line => line.Sequence));
        Assert.Equal([1L, 2, 2, 2, 2, 3, 3, 3, 3, 3], lines.Select(line => line.SourceSequence));
        Assert.Equal(TestEvents.Start.AddMilliseconds(40), lines[1].At);
        var seal = Assert.IsType<RecordingSealed>(lines[^1].Event);
        Assert.Equal((9L, false, "client terminated"), (seal.Events, seal.Interrupted, seal.Reason));

        var result = await Verify(store, session, anchor);
        Assert.True(result.Ok, result.Failure?.Reason);
        var manifest = await store.GetManifestAsync(session, CancellationToken.None);
        Assert.Equal((RecordingStatus.Sealed, anchor, 10L, "alice", "demo"),
            (manifest!.Status, manifest.AnchorHash, manifest.Lines, manifest.Subject, manifest.Target));
    }

    [Fact]
    public async Task OpenAsync_AfterReopen_ContinuesTheChain()
    {
        var store = CreateStore();
        var session = Guid.NewGuid();
        var events = TestEvents.AllKinds(session);
        await using (var first = await Open(store, session))
        {
            await first.AppendAsync(events[..3], 1, CancellationToken.None);
        }

        await using var second = await Open(store, session);
        Assert.Equal((3L, 1L, false), (second.NextSequence, second.LastSourceSequence, second.IsSealed));
        await second.AppendAsync(events[3..], 2, CancellationToken.None);
        var anchor = await second.SealAsync("done", interrupted: false, CancellationToken.None);

        var result = await Verify(store, session, anchor);
        Assert.True(result.Ok, result.Failure?.Reason);
        Assert.Equal(10, result.Events);
    }

    [Fact]
    public async Task AppendAsync_ProducerRetry_IsNotDuplicated()
    {
        var store = CreateStore();
        var session = Guid.NewGuid();
        var events = TestEvents.AllKinds(session);
        await using (var recorder = await Open(store, session))
        {
            await recorder.AppendAsync(events[..2], 1, CancellationToken.None);
            await recorder.AppendAsync(events[..2], 1, CancellationToken.None);
            await recorder.AppendAsync(events[2..4], 2, CancellationToken.None);
            await recorder.AppendAsync(events[..2], 1, CancellationToken.None);
            Assert.Equal(4, recorder.NextSequence);
        }

        // Also across a reopen: the last line's src says batch 2 is stored.
        await using var reopened = await Open(store, session);
        await reopened.AppendAsync(events[2..4], 2, CancellationToken.None);
        Assert.Equal(4, reopened.NextSequence);
        Assert.True((await Verify(store, session, null, allowOpen: true)).Ok);
        Assert.Equal(4, (await TestRecordings.ToListAsync(store.ReadLinesAsync(session, CancellationToken.None))).Count);
    }

    [Fact]
    public async Task SealAsync_Twice_ReturnsTheSameAnchorAndWritesOneSeal()
    {
        var store = CreateStore();
        var session = Guid.NewGuid();
        await using var recorder = await Open(store, session);
        await recorder.AppendAsync([TestEvents.Opened(session)], 1, CancellationToken.None);

        var anchor = await recorder.SealAsync("edge lost", interrupted: true, CancellationToken.None);
        var again = await recorder.SealAsync("something else", interrupted: false, CancellationToken.None);

        Assert.Equal(anchor, again);
        Assert.True(recorder.IsSealed);
        await Assert.ThrowsAsync<InvalidOperationException>(() => recorder.AppendAsync([TestEvents.Closed()], 2, CancellationToken.None));
        await using (var reopened = await Open(store, session))
        {
            Assert.True(reopened.IsSealed);
            Assert.Equal(anchor, await reopened.SealAsync("later", interrupted: false, CancellationToken.None));
        }

        var result = await Verify(store, session, anchor);
        Assert.True(result.Ok, result.Failure?.Reason);
        Assert.True(result.Interrupted);
        Assert.Equal(2, result.Events);
        Assert.Equal(RecordingStatus.Interrupted, (await store.GetManifestAsync(session, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task AppendAsync_FailureAfterTheBytesLanded_RetryStoresThemOnce()
    {
        var flaky = new FlakyStore(CreateStore());
        var session = Guid.NewGuid();
        var events = TestEvents.AllKinds(session);
        await using var recorder = await Open(flaky, session);
        await recorder.AppendAsync(events[..2], 1, CancellationToken.None);

        flaky.Next = FlakyStore.Failure.AfterAppend;
        await Assert.ThrowsAsync<RecordingStoreUnavailableException>(() => recorder.AppendAsync(events[2..5], 2, CancellationToken.None));
        Assert.Equal(2, recorder.NextSequence);
        await recorder.AppendAsync(events[2..5], 2, CancellationToken.None);

        flaky.Next = FlakyStore.Failure.BeforeAppend;
        await Assert.ThrowsAsync<RecordingStoreUnavailableException>(() => recorder.AppendAsync(events[5..7], 3, CancellationToken.None));
        await recorder.AppendAsync(events[5..7], 3, CancellationToken.None);

        flaky.Next = FlakyStore.Failure.FirstLineOnly;
        await Assert.ThrowsAsync<RecordingStoreUnavailableException>(() => recorder.AppendAsync(events[7..], 4, CancellationToken.None));
        await recorder.AppendAsync(events[7..], 4, CancellationToken.None);

        var anchor = await recorder.SealAsync("done", interrupted: false, CancellationToken.None);
        var lines = await TestRecordings.ToListAsync(flaky.ReadLinesAsync(session, CancellationToken.None));
        Assert.Equal(events.Select(Json), lines.Take(events.Length).Select(line => Json(RecordingFormat.Parse(line).Event)));
        Assert.True((await Verify(flaky, session, anchor)).Ok);
    }

    [Fact]
    public async Task AppendAsync_ProducerMovesOnAfterALandedFailure_KeepsBothBatches()
    {
        var flaky = new FlakyStore(CreateStore());
        var session = Guid.NewGuid();
        var events = TestEvents.AllKinds(session);
        await using var recorder = await Open(flaky, session);

        flaky.Next = FlakyStore.Failure.AfterAppend;
        await Assert.ThrowsAsync<RecordingStoreUnavailableException>(() => recorder.AppendAsync(events[..2], 1, CancellationToken.None));
        await recorder.AppendAsync(events[2..4], 2, CancellationToken.None);

        Assert.Equal(4, recorder.NextSequence);
        Assert.True((await Verify(flaky, session, null, allowOpen: true)).Ok);
    }

    [Fact]
    public async Task AppendAsync_SomeoneElseWroteTheRecording_IsAConflict()
    {
        var store = CreateStore();
        var session = Guid.NewGuid();
        var flaky = new FlakyStore(store);
        await using var mine = await Open(flaky, session);
        await mine.AppendAsync([TestEvents.Opened(session)], 1, CancellationToken.None);
        await using (var other = await Open(store, session))
        {
            await other.AppendAsync([TestEvents.Select("SELECT 'other writer'")], 5, CancellationToken.None);
        }

        // The file store's appender writes at its own acknowledged length, the blob store's at its expected
        // position: either overwrites nothing. Force the reopen path, which must notice the foreign line.
        flaky.Next = FlakyStore.Failure.BeforeAppend;
        await Assert.ThrowsAsync<RecordingStoreUnavailableException>(() => mine.AppendAsync([TestEvents.Closed()], 2, CancellationToken.None));
        await Assert.ThrowsAsync<RecordingConflictException>(() => mine.AppendAsync([TestEvents.Closed()], 2, CancellationToken.None));
    }
}

public sealed class FileSessionRecorderTests : SessionRecorderTests, IDisposable
{
    private readonly TempDirectory _directory = new();

    protected override IRecordingStore CreateStore() => new FileRecordingStore(_directory.Path);

    public void Dispose() => _directory.Dispose();
}

[Collection(AzuriteCollection.Name)]
public sealed class BlobSessionRecorderTests(AzuriteFixture azurite) : SessionRecorderTests
{
    protected override IRecordingStore CreateStore() => azurite.Store();
}
