using System.Diagnostics;
using System.Globalization;
using Warden.Recording;

// What strict recording pays per statement at the store: one durable append of one statement line,
// through SessionRecorder (which builds the hash chain), as the session grain does it.
const int warmup = 20;
const int samples = 200;

var directory = Directory.CreateTempSubdirectory("warden-bench-recording-");
try
{
    await MeasureAsync(new FileRecordingStore(directory.FullName));
    if (Environment.GetEnvironmentVariable("WARDEN_BENCH_BLOB") is { Length: > 0 } connectionString)
    {
        await MeasureAsync(BlobRecordingStore.Create(connectionString, "bench-" + Guid.NewGuid().ToString("N")[..8]));
    }
    else
    {
        Console.WriteLine("blob: skipped (set WARDEN_BENCH_BLOB to a connection string, e.g. Azurite's)");
    }
}
finally
{
    directory.Delete(recursive: true);
}

static async Task MeasureAsync(IRecordingStore store)
{
    var session = Guid.NewGuid();
    await using var recorder = await SessionRecorder.OpenAsync(
        store, session, new RecordingLabels("bench", "bench", DateTimeOffset.UtcNow), TimeProvider.System, CancellationToken.None);
    var statement = new StatementRecorded(
        "extended", "SELECT abalance FROM pgbench_accounts WHERE aid = $1", [23u], "allow", "bench", ["read"], null, true, 1, DateTimeOffset.UtcNow);
    var times = new List<double>(samples);
    for (var i = 1; i <= warmup + samples; i++)
    {
        var clock = Stopwatch.StartNew();
        await recorder.AppendAsync([statement], i, CancellationToken.None);
        if (i > warmup)
        {
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
    }
    times.Sort();
    string F(double ms) => ms.ToString("0.000", CultureInfo.InvariantCulture);
    Console.WriteLine($"{store.Kind}: {samples} durable appends of one statement line: median {F(times[samples / 2])} ms, "
        + $"p90 {F(times[samples * 9 / 10])} ms, p99 {F(times[samples * 99 / 100])} ms");
}
