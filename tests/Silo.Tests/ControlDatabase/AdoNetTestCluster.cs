using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace Warden.Silo.Tests.ControlDatabase;

/// <summary>
/// One real silo and one real client that find each other only through the control database, with
/// grain storage ("control") and reminders on it as well: every Orleans ADO.NET provider on our schema.
/// </summary>
internal sealed class AdoNetTestCluster : IAsyncDisposable
{
    internal const string StorageName = "control";
    private const string Invariant = "Npgsql";

    private readonly IHost _silo;
    private readonly IHost _client;

    private AdoNetTestCluster(IHost silo, IHost client, string clusterId)
    {
        _silo = silo;
        _client = client;
        ClusterId = clusterId;
    }

    internal string ClusterId { get; }

    internal IClusterClient Client => _client.Services.GetRequiredService<IClusterClient>();

    internal static async Task<AdoNetTestCluster> StartAsync(string connectionString, CancellationToken cancellationToken)
    {
        var clusterId = "test-" + Guid.NewGuid().ToString("N")[..8];
        var silo = Host.CreateDefaultBuilder()
            .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .UseOrleans(builder => builder
                .UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (Invariant, connectionString))
                .AddAdoNetGrainStorage(StorageName, o => (o.Invariant, o.ConnectionString) = (Invariant, connectionString))
                .UseAdoNetReminderService(o => (o.Invariant, o.ConnectionString) = (Invariant, connectionString))
                .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, "warden-tests"))
                .ConfigureEndpoints(IPAddress.Loopback, FreeLoopbackPort(), FreeLoopbackPort()))
            .Build();
        await silo.StartAsync(cancellationToken);

        var client = Host.CreateDefaultBuilder()
            .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .UseOrleansClient(builder => builder
                .UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (Invariant, connectionString))
                .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, "warden-tests")))
            .Build();
        try
        {
            await client.StartAsync(cancellationToken);
        }
        catch
        {
            await silo.StopAsync(CancellationToken.None);
            silo.Dispose();
            client.Dispose();
            throw;
        }

        return new AdoNetTestCluster(silo, client, clusterId);
    }

    /// <summary>Stops the silo gracefully (it then marks itself Dead in the membership table).</summary>
    public async ValueTask DisposeAsync()
    {
        await _client.StopAsync(CancellationToken.None);
        _client.Dispose();
        await _silo.StopAsync(CancellationToken.None);
        _silo.Dispose();
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
