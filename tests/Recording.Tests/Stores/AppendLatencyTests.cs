using System.Diagnostics;
using System.Globalization;
using Warden.Recording.Tests.Fixtures;
using Xunit.Abstractions;

namespace Warden.Recording.Tests.Stores;

/// <summary>
/// Measures a durable append of one ~300-byte line per store and prints the median (no assertion on
/// time: machines differ). Run: <c>dotnet test tests/Recording.Tests -c Release --filter AppendLatency
/// --logger "console;verbosity=detailed"</c>.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AppendLatencyTests(AzuriteFixture azurite, ITestOutputHelper output) : IDisposable
{
    private const int Warmup = 20;
    private const int Samples = 200;

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public Task AppendLatency_FileStore() => MeasureAsync(new FileRecordingStore(_directory.Path));

    [Fact]
    public Task AppendLatency_BlobStoreOnAzurite() => MeasureAsync(azurite.Store());

    private async Task MeasureAsync(IRecordingStore store)
    {
        var session = Guid.NewGuid();
        await using var recorder = await SessionRecorder.OpenAsync(store, session, new RecordingLabels("alice", "demo", TestEvents.Start),
            TimeProvider.System, CancellationToken.None);
        var statement = TestEvents.Select("SELECT 1");
        var size = RecordingFormat.Serialize(new RecordedLine(session, 0, 0, RecordingFormat.GenesisHash(session), TestEvents.Start, statement)).Length;
        var times = new List<double>();
        for (var i = 1; i <= Warmup + Samples; i++)
        {
            var clock = Stopwatch.StartNew();
            await recorder.AppendAsync([statement], i, CancellationToken.None);
            if (i > Warmup)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        times.Sort();
        string F(double ms) => ms.ToString("0.000", CultureInfo.InvariantCulture);
        output.WriteLine($"{store.Kind}: {Samples} durable appends of one {size}-byte line: median {F(times[times.Count / 2])} ms, "
            + $"p90 {F(times[times.Count * 9 / 10])} ms, p99 {F(times[times.Count * 99 / 100])} ms");
        Assert.Equal(Warmup + Samples, recorder.NextSequence);
    }
}
