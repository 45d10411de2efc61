using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Configuration;
using Warden.Silo.ControlDatabase;

namespace Warden.Silo.Tests.ControlDatabase;

/// <summary>The real Orleans ADO.NET clustering provider, on our migrations, with a real silo and client.</summary>
[Collection(PostgresCollection.Name)]
public sealed class OrleansAdoNetClusteringTests(PostgresFixture fixture)
{
    private const string Invariant = "Npgsql";

    [Fact]
    public async Task SiloAndClient_JoinThroughControlDatabase_ClientCallsGrain()
    {
        var connectionString = await fixture.CreateDatabaseAsync("orleans_cluster");
        await new ControlDatabaseMigrator().MigrateAsync(connectionString);
        var clusterId = "test-" + Guid.NewGuid().ToString("N")[..8];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));

        using var silo = BuildSilo(connectionString, clusterId);
        await silo.StartAsync(timeout.Token);
        try
        {
            using var client = BuildClient(connectionString, clusterId);
            await client.StartAsync(timeout.Token);
            try
            {
                var grain = client.Services.GetRequiredService<IClusterClient>().GetGrain<IEchoGrain>("k1");
                Assert.Equal("k1:hello", await grain.EchoAsync("hello"));
            }
            finally
            {
                await client.StopAsync(CancellationToken.None);
            }

            // Our schema holds the silo as Active (3) with its gateway port.
            var (status, proxyPort) = await ReadSiloRowAsync(connectionString, clusterId);
            Assert.Equal(3, status);
            Assert.True(proxyPort > 0);
        }
        finally
        {
            await silo.StopAsync(CancellationToken.None);
        }

        // A graceful shutdown marks the silo Dead (6) through UpdateMembershipKey.
        Assert.Equal(6, (await ReadSiloRowAsync(connectionString, clusterId)).Status);
    }

    private static IHost BuildSilo(string connectionString, string clusterId) =>
        Host.CreateDefaultBuilder()
            .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .UseOrleans(silo => silo
                .UseAdoNetClustering(o =>
                {
                    o.Invariant = Invariant;
                    o.ConnectionString = connectionString;
                })
                .Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = clusterId;
                    o.ServiceId = "warden-tests";
                })
                .ConfigureEndpoints(IPAddress.Loopback, FreeLoopbackPort(), FreeLoopbackPort()))
            .Build();

    private static IHost BuildClient(string connectionString, string clusterId) =>
        Host.CreateDefaultBuilder()
            .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .UseOrleansClient(client => client
                .UseAdoNetClustering(o =>
                {
                    o.Invariant = Invariant;
                    o.ConnectionString = connectionString;
                })
                .Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = clusterId;
                    o.ServiceId = "warden-tests";
                }))
            .Build();

    private static async Task<(int Status, int ProxyPort)> ReadSiloRowAsync(string connectionString, string clusterId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT status, proxy_port FROM orleans_membership WHERE deployment_id = @id", connection);
        command.Parameters.AddWithValue("id", clusterId);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "the silo has no membership row");
        var row = (reader.GetInt32(0), reader.GetInt32(1));
        Assert.False(await reader.ReadAsync(), "expected exactly one silo row");
        return row;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
