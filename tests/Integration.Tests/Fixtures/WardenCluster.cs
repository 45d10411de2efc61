using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Warden.Policy.Demo;
using Warden.Silo.Api;
using Warden.Silo.Demo;
using Warden.Silo.Hosting;
using Warden.Silo.LocalPostgres;

namespace Warden.Integration.Tests.Fixtures;

/// <summary>
/// One Warden cluster for a test collection: a throwaway PostgreSQL holding the demo target and the
/// control database, and a silo (ADO.NET clustering on the control database) co-hosting an edge and the
/// development OIDC issuer, which tests call over HTTP for tokens.
/// </summary>
public sealed class WardenCluster : IAsyncLifetime
{
    private ThrowawayPostgres? _server;
    private WebApplication? _silo;

    public int EdgePort { get; } = FreePorts.Next();
    public int ApiPort { get; } = FreePorts.Next();
    public int SiloPort { get; } = FreePorts.Next();
    public int GatewayPort { get; } = FreePorts.Next();

    internal ThrowawayPostgres Server => _server ?? throw new InvalidOperationException("not started");
    internal DemoSeedResult Seed { get; private set; } = null!;
    public HttpClient Api { get; private set; } = null!;

    /// <summary>The policy the cluster started with (the demo policy, holding the throwaway server's passwords).</summary>
    public string PolicyYaml { get; private set; } = null!;

    public string ControlConnectionString => Server.ConnectionString(Seed.ControlDatabase);

    /// <summary>Superuser connection straight to the demo database, bypassing Warden, to check what really happened.</summary>
    public string DirectConnectionString => Server.ConnectionString(Seed.TargetDatabase);

    public async Task InitializeAsync()
    {
        _server = await ThrowawayPostgres.StartAsync();
        Seed = await DemoDatabase.SeedAsync(_server);
        PolicyYaml = DemoPolicy.Create(Seed.Host, Seed.Port, Seed.Reader.Password, Seed.Writer.Password);
        _silo = BuildSilo(PolicyYaml);
        await _silo.StartAsync();
        Api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ApiPort}") };
    }

    private WebApplication BuildSilo(string policyYaml)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:WardenControl"] = ControlConnectionString,
            ["Warden:Cluster:ClusterId"] = "it-" + Guid.NewGuid().ToString("N")[..8],
            ["Warden:Silo:ApiPort"] = ApiPort.ToString(),
            ["Warden:Silo:SiloPort"] = SiloPort.ToString(),
            ["Warden:Silo:GatewayPort"] = GatewayPort.ToString(),
            ["Warden:Edge:Port"] = EdgePort.ToString(),
        });
        var mode = new SiloMode(Demo: false, Development: true, PolicyPath: null, HostArguments: []);
        builder.AddWardenSilo(mode, policyYaml);
        var app = builder.Build();
        app.MapWardenApi(mode);
        return app;
    }

    /// <summary>A fresh token from the development issuer, fetched over HTTP like any client would.</summary>
    public async Task<string> TokenAsync(string subject, params string[] groups)
    {
        var response = await Api.PostAsJsonAsync("/dev/token", new { sub = subject, groups, ttlSeconds = 900 });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<TokenResponse>();
        return body!.Token;
    }

    public string EdgeConnectionString(string token, string database = "demo", string sslMode = "Disable") =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = EdgePort,
            Database = database,
            Username = "ci-user",
            Password = token,
            SslMode = Enum.Parse<SslMode>(sslMode),
            Pooling = false,
            Timeout = 15,
            CommandTimeout = 30,
        }.ConnectionString;

    public async Task<NpgsqlConnection> OpenAsync(string subject, params string[] groups)
    {
        var connection = new NpgsqlConnection(EdgeConnectionString(await TokenAsync(subject, groups)));
        await connection.OpenAsync();
        return connection;
    }

    public async Task DisposeAsync()
    {
        Api?.Dispose();
        if (_silo is not null)
        {
            await _silo.StopAsync();
            await _silo.DisposeAsync();
        }
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private sealed record TokenResponse(string Token);
}

[CollectionDefinition(Name)]
public sealed class WardenClusterCollection : ICollectionFixture<WardenCluster>
{
    public const string Name = "warden cluster";
}
