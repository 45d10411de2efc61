using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Npgsql;
using Warden.Integration.Tests.Fixtures;

namespace Warden.Integration.Tests.Edge;

/// <summary>The edge's meter reports judged statements, telling cache hits from grain calls.</summary>
[Collection(WardenClusterCollection.Name)]
public sealed class TelemetryTests(WardenCluster cluster)
{
    [Fact]
    public async Task Statements_SameTextTwice_CountedAsMissThenHit()
    {
        var measurements = new ConcurrentQueue<(string Verdict, bool Cached)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Warden.Edge" && instrument.Name == "warden.edge.statements")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            string? verdict = null;
            bool? cached = null;
            foreach (var tag in tags)
            {
                verdict = tag.Key == "verdict" ? (string?)tag.Value : verdict;
                cached = tag.Key == "cached" ? (bool?)tag.Value : cached;
            }
            measurements.Enqueue((verdict!, cached!.Value));
        });
        listener.Start();

        await using var connection = await cluster.OpenAsync("ci-bot", "ci");
        var unique = "SELECT 42 AS telemetry_" + Guid.NewGuid().ToString("N");
        for (var i = 0; i < 2; i++)
        {
            await using var command = new NpgsqlCommand(unique, connection);
            Assert.Equal(42, await command.ExecuteScalarAsync());
        }

        Assert.Contains(("allow", false), measurements);
        Assert.Contains(("allow", true), measurements);
    }
}
