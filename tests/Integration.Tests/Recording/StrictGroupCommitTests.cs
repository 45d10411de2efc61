using Npgsql;
using Warden.Integration.Tests.Fixtures;

namespace Warden.Integration.Tests.Recording;

/// <summary>
/// Strict recording commits once per client read: a pipelined batch of statements is recorded by one
/// delivery (one grain call, one durable append) before any of it is forwarded, and comes back complete and
/// in order.
/// </summary>
[Collection(WardenClusterCollection.Name)]
public sealed class StrictGroupCommitTests(WardenCluster cluster)
{
    private const int BatchSize = 20;
    private readonly RecordedSessions _sessions = new(cluster.Api);

    [Fact]
    public async Task PipelinedBatch_Strict_OneDeliveryCoversEveryStatement()
    {
        using var deliveries = new InstrumentRecorder<long>("Warden.Edge", "warden.edge.recording.delivery_events");

        var subject = "group-" + Guid.NewGuid().ToString("N")[..8];
        var marker = Guid.NewGuid().ToString("N")[..8];
        var texts = Enumerable.Range(1, BatchSize).Select(i => $"SELECT {i} AS g_{marker}").ToList();
        await using (var connection = await cluster.OpenAsync(subject, "ci"))
        {
            await using var batch = new NpgsqlBatch(connection);
            foreach (var text in texts)
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand(text));
            }
            await using var reader = await batch.ExecuteReaderAsync();
            var seen = new List<int>();
            do
            {
                while (await reader.ReadAsync())
                {
                    seen.Add(reader.GetInt32(0));
                }
            }
            while (await reader.NextResultAsync());
            Assert.Equal(Enumerable.Range(1, BatchSize), seen);
        }

        // Before this change every statement was its own delivery (a statement and the previous results).
        Assert.Contains(deliveries.Measurements, m => (string?)m.Tags["mode"] == "strict" && m.Value >= BatchSize);

        var id = await _sessions.WaitForAsync(subject);
        var events = await _sessions.EventsAsync(id);
        RecordedSessions.AssertCompleteAndSealed(events);
        Assert.Equal(
            texts.Select(text => (text, "allow")),
            RecordedSessions.Statements(events).Where(s => s.Sql.Contains(marker, StringComparison.Ordinal)));
        var first = events.FindIndex(e => RecordedSessions.Type(e) == "statement" && e.GetProperty("sql").GetString()!.Contains(marker, StringComparison.Ordinal));
        Assert.Equal(BatchSize, events.Skip(first).Count(e => RecordedSessions.Type(e) == "result" && e.GetProperty("commandTag").GetString() == "SELECT 1"));
    }
}
