using Warden.Recording.Tests.Fixtures;

namespace Warden.Recording.Tests.Verification;

public class RecordingVerifierTests
{
    private static readonly Guid Session = Guid.NewGuid();

    private static List<string> Intact() => TestRecordings.Build(Session, TestEvents.AllKinds(Session));

    private static Task<VerificationResult> Verify(IEnumerable<string> lines, string? anchor = null, bool allowOpen = false) =>
        RecordingVerifier.VerifyAsync(TestRecordings.AsAsync(lines), anchor, allowOpen, CancellationToken.None);

    [Fact]
    public async Task VerifyAsync_IntactSealedRecording_IsOk()
    {
        var lines = Intact();

        var result = await Verify(lines, TestRecordings.Anchor(lines));

        Assert.True(result.Ok, result.Failure?.Reason);
        Assert.Equal(Session, result.SessionId);
        Assert.Equal(10, result.Events);
        Assert.True(result.Sealed);
        Assert.False(result.Interrupted);
        Assert.Equal(TestRecordings.Anchor(lines), result.AnchorHash);
        Assert.Null(result.Failure);
    }

    [Fact]
    public async Task VerifyAsync_InterruptedSeal_IsOkAndSaysInterrupted()
    {
        var lines = TestRecordings.Build(Session, TestEvents.AllKinds(Session)[..4], interrupted: true);

        var result = await Verify(lines, TestRecordings.Anchor(lines));

        Assert.True(result.Ok, result.Failure?.Reason);
        Assert.True(result.Interrupted);
    }

    [Fact]
    public async Task VerifyAsync_AnyByteEdited_FailsAtThatLineOrTheNext()
    {
        var lines = Intact();
        var anchor = TestRecordings.Anchor(lines);
        for (var index = 0; index < lines.Count; index++)
        {
            for (var offset = 0; offset < lines[index].Length; offset += 5)
            {
                var chars = lines[index].ToCharArray();
                chars[offset] = chars[offset] == 'x' ? 'y' : 'x';
                var tampered = lines.ToList();
                tampered[index] = new string(chars);

                var result = await Verify(tampered, anchor);

                Assert.False(result.Ok, $"edit at line {index + 1} offset {offset} was not detected");
                var line = index + 1;
                Assert.True(result.Failure!.Line == line || result.Failure.Line == line + 1,
                    $"edit at line {line} reported at line {result.Failure.Line}: {result.Failure.Reason}");
                Assert.Contains($"line {line}", result.Failure.Reason, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task VerifyAsync_EditedStatement_NamesTheEditedLine()
    {
        var lines = Intact();
        lines[1] = lines[1].Replace("LIMIT 2", "LIMIT 9", StringComparison.Ordinal);

        var result = await Verify(lines);

        Assert.Equal(new VerificationFailure(3, 2, "line 3 (seq 2): prev hash does not match line 2 — a line was edited, removed or reordered"), result.Failure);
        Assert.Equal(2, result.Events);
    }

    [Theory]
    [InlineData(0, "line 1: expected seq 0, found 1 — 1 event(s) missing or out of order")]
    [InlineData(4, "line 5: expected seq 4, found 5 — 1 event(s) missing or out of order")]
    public async Task VerifyAsync_LineDeleted_NamesTheGap(int index, string reason)
    {
        var lines = Intact();
        lines.RemoveAt(index);

        var result = await Verify(lines);

        Assert.False(result.Ok);
        Assert.Equal(reason, result.Failure!.Reason);
    }

    [Fact]
    public async Task VerifyAsync_SeveralLinesDeleted_CountsThem()
    {
        var lines = Intact();
        lines.RemoveRange(3, 2);

        var result = await Verify(lines);

        Assert.Equal(new VerificationFailure(4, 5, "line 4: expected seq 3, found 5 — 2 event(s) missing or out of order"), result.Failure);
    }

    [Fact]
    public async Task VerifyAsync_TwoLinesSwapped_Fails()
    {
        var lines = Intact();
        (lines[3], lines[4]) = (lines[4], lines[3]);

        var result = await Verify(lines);

        Assert.False(result.Ok);
        Assert.Equal(4, result.Failure!.Line);
        Assert.Equal(4, result.Failure.Sequence);
    }

    [Fact]
    public async Task VerifyAsync_LineDuplicated_Fails()
    {
        var lines = Intact();
        lines.Insert(3, lines[2]);

        var result = await Verify(lines);

        Assert.Equal(new VerificationFailure(4, 2, "line 4: expected seq 3, found 2 — a line was duplicated or moved"), result.Failure);
    }

    [Fact]
    public async Task VerifyAsync_TailTruncated_SaysNotSealed()
    {
        var lines = Intact();
        lines.RemoveRange(6, lines.Count - 6);

        var result = await Verify(lines);

        Assert.Equal(new VerificationFailure(6, 5, "not sealed: the recording ends at seq 5 (line 6) without a seal"), result.Failure);
    }

    [Fact]
    public async Task VerifyAsync_SealRemoved_SaysNotSealed()
    {
        var lines = Intact();
        lines.RemoveAt(lines.Count - 1);

        var result = await Verify(lines);

        Assert.False(result.Ok);
        Assert.StartsWith("not sealed: the recording ends at seq 8", result.Failure!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_SealReplacedWithAnotherValidSeal_FailsOnlyAgainstTheAnchor()
    {
        var lines = Intact();
        var anchor = TestRecordings.Anchor(lines);
        var forged = TestRecordings.Build(Session, TestEvents.AllKinds(Session), interrupted: true);

        Assert.True((await Verify(forged)).Ok);
        var result = await Verify(forged, anchor);

        Assert.False(result.Ok);
        Assert.StartsWith("anchor mismatch", result.Failure!.Reason, StringComparison.Ordinal);
        Assert.Equal(10, result.Failure.Line);
    }

    [Fact]
    public async Task VerifyAsync_WrongAnchor_Fails()
    {
        var result = await Verify(Intact(), new string('0', 64));

        Assert.False(result.Ok);
        Assert.StartsWith("anchor mismatch: the seal on line 10 hashes to", result.Failure!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_LineAfterTheSeal_Fails()
    {
        var lines = Intact();
        lines.Add(lines[^2]);

        var result = await Verify(lines);

        Assert.Equal(11, result.Failure!.Line);
        Assert.Contains("follows the seal", result.Failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_LineFromAnotherSession_Fails()
    {
        var lines = Intact();
        var other = TestRecordings.Build(Guid.NewGuid(), TestEvents.AllKinds(Session));
        lines[5] = other[5];

        var result = await Verify(lines);

        Assert.Equal(6, result.Failure!.Line);
        Assert.Contains("another recording", result.Failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_ForeignFirstLine_FailsOnGenesis()
    {
        var lines = Intact();
        lines[0] = lines[0].Replace(RecordingFormat.GenesisHash(Session), new string('1', 64), StringComparison.Ordinal);

        var result = await Verify(lines);

        Assert.Equal(1, result.Failure!.Line);
        Assert.Contains("genesis", result.Failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_NotJson_NamesTheLine()
    {
        var lines = Intact();
        lines[2] = "{\"v\":1,";

        var result = await Verify(lines);

        Assert.Equal(new VerificationFailure(3, null, "line 3: not valid JSON"), result.Failure);
    }

    [Fact]
    public async Task VerifyAsync_Empty_Fails()
    {
        var result = await Verify([]);

        Assert.False(result.Ok);
        Assert.Equal("empty recording: no lines", result.Failure!.Reason);
    }

    [Fact]
    public async Task VerifyAsync_OpenRecordingAllowed_IsOkButNotSealed()
    {
        var lines = TestRecordings.Build(Session, TestEvents.AllKinds(Session), seal: false);

        var result = await Verify(lines, allowOpen: true);

        Assert.True(result.Ok);
        Assert.False(result.Sealed);
        Assert.Null(result.AnchorHash);
    }
}
