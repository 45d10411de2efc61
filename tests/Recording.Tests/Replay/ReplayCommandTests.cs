using Warden.Tests.Shared;
using System.Text.Json;
using Warden.Recording.Tests.Fixtures;
using Warden.Replay;

namespace Warden.Recording.Tests.Replay;

public sealed class ReplayCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static async Task<(int Exit, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await ReplayCommand.RunAsync(args, output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    private async Task<(string Directory, string Anchor)> RecordAsync(params RecordingEvent[] extra)
    {
        var store = new FileRecordingStore(_directory.Path);
        var session = Guid.NewGuid();
        await using var recorder = await SessionRecorder.OpenAsync(store, session, new RecordingLabels("alice", "demo", TestEvents.Start),
            TimeProvider.System, CancellationToken.None);
        await recorder.AppendAsync([.. TestEvents.AllKinds(session), .. extra], 1, CancellationToken.None);
        var anchor = await recorder.SealAsync("client terminated", interrupted: false, CancellationToken.None);
        return (store.SessionDirectory(session), anchor);
    }

    [Fact]
    public async Task Run_IntactFolder_PrintsTheTimelineAndVerifies()
    {
        var (directory, anchor) = await RecordAsync();

        var (exit, output, error) = await Run(directory);
        File.WriteAllText("/tmp/timeline.txt", output);

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.Contains("opened: alice (https://issuer.example) -> demo as writer, rule agents", output, StringComparison.Ordinal);
        Assert.Contains("ALLOW    read                     SELECT id, email FROM customers LIMIT 2", output, StringComparison.Ordinal);
        Assert.Contains("DENY     ddl,destructive          DROP TABLE customers", output, StringComparison.Ordinal);
        Assert.Contains("-> SELECT 2, 2 rows in 3.25 ms", output, StringComparison.Ordinal);
        Assert.Contains("| 1  | a***@example.com", output, StringComparison.Ordinal);
        Assert.Contains("| 2  | NULL", output, StringComparison.Ordinal);
        Assert.Contains("!! ERROR 42501: statement denied by rule agents", output, StringComparison.Ordinal);
        Assert.Contains("approval ap-1 approved by bob", output, StringComparison.Ordinal);
        Assert.Contains("closed: client terminated", output, StringComparison.Ordinal);
        Assert.Contains("sealed: client terminated (9 events before the seal", output, StringComparison.Ordinal);
        Assert.Contains("verified: session ", output, StringComparison.Ordinal);
        Assert.Contains("10 lines, sealed; matches the manifest's anchor", output, StringComparison.Ordinal);

        Assert.Equal(0, (await Run(Path.Combine(directory, "manifest.json"), "--verify", "--anchor", anchor)).Exit);
        Assert.Equal(0, (await Run(Path.Combine(directory, "part-00000.jsonl"), "--verify")).Exit);
    }

    [Fact]
    public async Task Run_TamperedCopy_ExitsOneAndNamesTheLine()
    {
        var (directory, _) = await RecordAsync();
        var copy = Path.Combine(_directory.Path, "copy");
        Directory.CreateDirectory(copy);
        var lines = await File.ReadAllLinesAsync(Path.Combine(directory, "part-00000.jsonl"));
        lines[4] = lines[4].Replace("DROP TABLE customers", "SELECT 1            ", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(Path.Combine(copy, "part-00000.jsonl"), lines);

        var (exit, output, _) = await Run(copy);

        Assert.Equal(1, exit);
        Assert.Contains("VERIFICATION FAILED", output, StringComparison.Ordinal);
        Assert.Contains("line 6 (seq 5): prev hash does not match line 5", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_VerifyOnly_PrintsOnlyTheVerdict()
    {
        var (directory, _) = await RecordAsync();

        var (exit, output, _) = await Run(directory, "--verify", "--anchor", new string('0', 64));

        Assert.Equal(1, exit);
        Assert.StartsWith("VERIFICATION FAILED", output, StringComparison.Ordinal);
        Assert.Contains("anchor mismatch", output, StringComparison.Ordinal);
        Assert.DoesNotContain("ALLOW", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Json_PrintsTheStoredLinesAndTheVerdictOnStandardError()
    {
        var (directory, _) = await RecordAsync();

        var (exit, output, error) = await Run(directory, "--json");

        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(10, lines.Length);
        Assert.All(lines, line => JsonDocument.Parse(line).Dispose());
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(directory, "part-00000.jsonl")), output.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.StartsWith("verified:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ControlCharactersInRecordedText_AreNotPrintedRaw()
    {
        var (directory, _) = await RecordAsync(TestEvents.Select("SELECT '\u001b[2J\u001b]0;owned\u0007' \u202E"));

        var (exit, output, _) = await Run(directory);

        Assert.Equal(0, exit);
        Assert.DoesNotContain('\u001b', output);
        Assert.DoesNotContain('\u0007', output);
        Assert.DoesNotContain('\u202E', output);
        Assert.Contains("SELECT '?[2J?]0;owned?' ?", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_TornLastLine_IsReportedNotHidden()
    {
        var (directory, _) = await RecordAsync();
        await File.AppendAllTextAsync(Path.Combine(directory, "part-00000.jsonl"), "{\"v\":1,\"sess");

        var (exit, output, _) = await Run(directory, "--verify");

        Assert.Equal(1, exit);
        Assert.Contains("line 11: not valid JSON", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData()]
    [InlineData("--bogus")]
    [InlineData("a", "b")]
    [InlineData("--session", "not-a-guid", "--container", "c", "--connection-string", "x")]
    [InlineData("--session", "5c0e8a8e-2f1d-4c52-9d3b-0a4c1e2f3a4b")]
    [InlineData("/no/such/recording")]
    public async Task Run_BadUsageOrMissingInput_ExitsTwo(params string[] args)
    {
        var (exit, _, error) = await Run(args);

        Assert.Equal(2, exit);
        Assert.StartsWith("warden-replay: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_BlobRecordingThatDoesNotExist_ExitsTwo()
    {
        await using var server = await AzuriteServer.StartNewAsync();

        var (exit, _, error) = await Run("--session", Guid.NewGuid().ToString(), "--container", "none", "--connection-string", server.ConnectionString);

        Assert.Equal(2, exit);
        Assert.Contains("no recording for session", error, StringComparison.Ordinal);
    }
}
