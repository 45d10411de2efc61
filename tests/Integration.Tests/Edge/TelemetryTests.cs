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
        using var statements = new InstrumentRecorder<long>("Warden.Edge", "warden.edge.statements");

        await using var connection = await cluster.OpenAsync("ci-bot", "ci");
        var unique = "SELECT 42 AS telemetry_" + Guid.NewGuid().ToString("N");
        for (var i = 0; i < 2; i++)
        {
            await using var command = new NpgsqlCommand(unique, connection);
            Assert.Equal(42, await command.ExecuteScalarAsync());
        }

        var measured = statements.Measurements.Select(m => ((string?)m.Tags["verdict"], (bool?)m.Tags["cached"])).ToList();
        Assert.Contains(("allow", false), measured);
        Assert.Contains(("allow", true), measured);
    }
}
