using Npgsql;
using Warden.Integration.Tests.Fixtures;
using Warden.Policy.Demo;
using Warden.Silo.Demo;
using Warden.Silo.LocalPostgres;
using Warden.Tests.Shared;

namespace Warden.Integration.Tests.Recording;

/// <summary>
/// Silos recording to Azure Blob append blobs in a real Azurite: one with the demo policy's strict
/// durability, one with batched durability and a small edge buffer, and one batched whose interval never
/// comes (so only a full batch is delivered before the session ends). Liveness is tuned short so a silent
/// session is sealed as interrupted within seconds. Azurite can be stopped and started under them.
/// </summary>
public sealed class BlobRecordingCluster : IAsyncLifetime
{
    public const int BufferEvents = 16;
    public const int BatchEvents = 20;
    private ThrowawayPostgres? _server;

    internal AzuriteServer Azurite { get; private set; } = null!;
    internal InProcessSilo Strict { get; private set; } = null!;
    internal InProcessSilo Batched { get; private set; } = null!;
    internal InProcessSilo BatchedBySize { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteServer.StartNewAsync();
        _server = await ThrowawayPostgres.StartAsync();
        var seed = await DemoDatabase.SeedAsync(_server);
        var policy = DemoPolicy.Create(seed.Host, seed.Port, seed.Reader.Password, seed.Writer.Password);
        var control = _server.ConnectionString(seed.ControlDatabase);
        var settings = new Dictionary<string, string?>
        {
            ["Warden:Recording:Store"] = "blob",
            ["Warden:Recording:BlobConnectionString"] = Azurite.ConnectionString,
            ["Warden:Recording:BlobContainer"] = "recordings",
            ["Warden:Sessions:AbandonAfter"] = "00:00:03",
            ["Warden:Sessions:CheckInterval"] = "00:00:00.500",
            ["Warden:Edge:RecordingHeartbeat"] = "00:00:00.500",
            ["Warden:Edge:RecordingBatchInterval"] = "00:00:00.100",
            ["Warden:Edge:RecordingBufferEvents"] = BufferEvents.ToString(),
        };
        Strict = await InProcessSilo.StartAsync(policy, control, settings);
        Assert.Contains("durability: strict", policy);
        var batched = policy.Replace("durability: strict", "durability: batched");
        Batched = await InProcessSilo.StartAsync(batched, control, settings);
        BatchedBySize = await InProcessSilo.StartAsync(batched, control, new Dictionary<string, string?>(settings)
        {
            ["Warden:Edge:RecordingBatchInterval"] = "01:00:00",
            ["Warden:Edge:RecordingBatchEvents"] = BatchEvents.ToString(),
            ["Warden:Edge:RecordingBufferEvents"] = "10000",
            // No interval, no heartbeat: the grain must not take the quiet edge for a lost one.
            ["Warden:Sessions:AbandonAfter"] = "01:00:00",
        });
    }

    public static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    public async Task DisposeAsync()
    {
        await Strict.DisposeAsync();
        await Batched.DisposeAsync();
        await BatchedBySize.DisposeAsync();
        await Azurite.DisposeAsync();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
