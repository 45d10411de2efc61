using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Npgsql;
using Warden.Integration.Tests.Fixtures;
using Warden.Protocol.Messages;
using Warden.Silo.Demo;
using Warden.Silo.LocalPostgres;

namespace Warden.Integration.Tests.Cluster;

/// <summary>
/// A silo (co-hosting edge A) and a standalone edge B as separate processes that find each other through
/// the control database (ADO.NET clustering), on their own throwaway PostgreSQL.
/// </summary>
public sealed class SeparateProcessCluster : IAsyncLifetime
{
    private ThrowawayPostgres _server = null!;
    public int SiloEdgePort { get; } = FreePorts.Next();
    public int StandaloneEdgePort { get; } = FreePorts.Next();
    internal DemoSeedResult Seed { get; private set; } = null!;
    public string DirectConnectionString => _server.ConnectionString(Seed.TargetDatabase);
    private readonly int _apiPort = FreePorts.Next();
    private readonly string _directory = Directory.CreateTempSubdirectory("warden-sp-").FullName;
    private ChildProcess? _silo;
    private ChildProcess? _edge;
    private HttpClient _api = null!;

    public async Task InitializeAsync()
    {
        _server = await ThrowawayPostgres.StartAsync();
        Seed = await DemoDatabase.SeedAsync(_server);
        var controlConnection = _server.ConnectionString(Seed.ControlDatabase);
        var policyPath = Path.Combine(_directory, "policy.yaml");
        await File.WriteAllTextAsync(policyPath, $$"""
            targets:
              demo:
                host: {{Seed.Host}}
                port: {{Seed.Port}}
                database: demo
                tls: disable
                roles:
                  reader: { user: {{Seed.Reader.User}}, password: "${env:SP_READER_PASSWORD}" }
            access:
              - name: ci-read
                groups: [ci]
                targets: [demo]
                role: reader
                allow: [read, transaction, session]
            """);
        var cluster_id = "sp-" + Guid.NewGuid().ToString("N")[..8];
        var common = new Dictionary<string, string>
        {
            ["ConnectionStrings__WardenControl"] = controlConnection,
            ["Warden__Cluster__ClusterId"] = cluster_id,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        _silo = ChildProcess.Start("Silo", ["--dev", "--policy", policyPath], new Dictionary<string, string>(common)
        {
            ["SP_READER_PASSWORD"] = Seed.Reader.Password,
            ["Warden__Silo__ApiPort"] = _apiPort.ToString(),
            ["Warden__Silo__SiloPort"] = FreePorts.Next().ToString(),
            ["Warden__Silo__GatewayPort"] = FreePorts.Next().ToString(),
            ["Warden__Edge__Port"] = SiloEdgePort.ToString(),
        });
        _api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_apiPort}") };
        await _silo.WaitUntilReadyAsync(async () => (await _api.GetAsync("/healthz")).IsSuccessStatusCode);

        var (certificate, key) = WriteCertificate();
        // Not --dev: this edge takes tokens only over TLS, with the certificate it was given.
        _edge = ChildProcess.Start("Edge", [], new Dictionary<string, string>(common)
        {
            ["Warden__Edge__Port"] = StandaloneEdgePort.ToString(),
            ["Warden__Edge__TlsCertificatePath"] = certificate,
            ["Warden__Edge__TlsKeyPath"] = key,
        });
        await _edge.WaitUntilReadyAsync(async () =>
        {
            try
            {
                await using var connection = new NpgsqlConnection(await TlsConnectionStringAsync());
                await connection.OpenAsync();
                return true;
            }
            catch (Exception e) when (e is NpgsqlException)
            {
                return false;
            }
        });
    }

    public async Task<string> TokenAsync()
    {
        var response = await _api.PostAsJsonAsync("/dev/token", new { sub = "ci-remote", groups = new[] { "ci" } });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Dictionary<string, string>>())!["token"];
    }

    public async Task<string> TlsConnectionStringAsync() => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = StandaloneEdgePort,
        Database = "demo",
        Username = "ci",
        Password = await TokenAsync(),
        SslMode = SslMode.Require,
        Pooling = false,
        Timeout = 10,
    }.ConnectionString;

    private (string Certificate, string Key) WriteCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var certificatePath = Path.Combine(_directory, "edge.crt");
        var keyPath = Path.Combine(_directory, "edge.key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath);
    }

    public async Task DisposeAsync()
    {
        _api?.Dispose();
        if (_edge is not null)
        {
            await _edge.DisposeAsync();
        }
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
        Directory.Delete(_directory, recursive: true);
        await _server.DisposeAsync();
    }
}

/// <summary>A real client through the standalone edge, and a cancel that reaches a different edge from the one holding the session.</summary>
public sealed class SeparateProcessTests(SeparateProcessCluster processes) : IClassFixture<SeparateProcessCluster>
{
    [Fact]
    public async Task StandaloneEdge_TlsClient_QueriesTarget()
    {
        await using var connection = new NpgsqlConnection(await processes.TlsConnectionStringAsync());
        await connection.OpenAsync();
        // SslMode=Require: Npgsql refuses to continue unless the edge really negotiated TLS.
        await using var command = new NpgsqlCommand("SELECT count(*) FROM customers", connection);
        Assert.Equal(1000L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task StandaloneEdge_PlaintextToken_Refused()
    {
        var builder = new NpgsqlConnectionStringBuilder(await processes.TlsConnectionStringAsync()) { SslMode = SslMode.Disable };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        var error = await Assert.ThrowsAsync<PostgresException>(() => connection.OpenAsync());
        Assert.Equal("28000", error.SqlState);
        Assert.Contains("TLS", error.MessageText);
    }

    [Fact]
    public async Task CancelRequest_ArrivingAtOtherEdge_CancelsRunningStatement()
    {
        await using var session = await RawPgClient.ConnectAsync(processes.SiloEdgePort);
        await session.LoginAsync(await processes.TokenAsync());
        await session.SendAsync(w => QueryMessage.Write(w, "SELECT pg_sleep(60)"));
        await SleepIsRunningAsync();

        await using (var canceller = await RawPgClient.ConnectAsync(processes.StandaloneEdgePort))
        {
            await canceller.SendAsync(w => new CancelRequest(session.BackendProcessId, session.BackendSecretKey).Write(w));
            Assert.True(await canceller.ClosedAsync());
        }
        var replies = await session.ReadUntilAsync(BackendMessageType.ErrorResponse);
        var error = ErrorResponse.Parse(new System.Buffers.ReadOnlySequence<byte>(replies[^1].Payload));
        Assert.Equal("57014", error.SqlState);
    }

    private async Task SleepIsRunningAsync() =>
        await Eventually.TrueAsync(async () =>
        {
            await using var direct = new NpgsqlConnection(processes.DirectConnectionString);
            await direct.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query = 'SELECT pg_sleep(60)'", direct);
            return (long)(await command.ExecuteScalarAsync())! > 0;
        }, "pg_sleep runs upstream");

}
