using Npgsql;
using Warden.Integration.Tests.Fixtures;
using Warden.Policy.Demo;
using Warden.Silo.Demo;
using Warden.Silo.LocalPostgres;
using Warden.Tests.Shared;

namespace Warden.Integration.Tests.Recording;

/// <summary>
/// Two silos recording to Azure Blob append blobs in a real Azurite: one with the demo policy's strict
/// durability, one with batched durability and a small edge buffer. Liveness is tuned short so a silent
/// session is sealed as interrupted within seconds. Azurite can be stopped and started under them.
/// </summary>
public sealed class BlobRecordingCluster : IAsyncLifetime
{
    public const int BufferEvents = 16;
    private ThrowawayPostgres? _server;

    internal AzuriteServer Azurite { get; private set; } = null!;
    internal InProcessSilo Strict { get; private set; } = null!;
    internal InProcessSilo Batched { get; private set; } = null!;

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
        Batched = await InProcessSilo.StartAsync(policy.Replace("durability: strict", "durability: batched"), control, settings);
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
        await Azurite.DisposeAsync();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
