using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Warden.Silo.Api;
using Warden.Silo.Hosting;

namespace Warden.Integration.Tests.Fixtures;

/// <summary>
/// A silo started in this process from a policy YAML: ADO.NET clustering on a control database, the REST API
/// and the development OIDC issuer on <see cref="ApiPort"/>, and a co-hosted edge on <see cref="EdgePort"/>.
/// Fixtures with different policies and PostgreSQL servers each start their own.
/// </summary>
internal sealed class InProcessSilo : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessSilo(WebApplication app, int edgePort, int apiPort)
    {
        _app = app;
        EdgePort = edgePort;
        ApiPort = apiPort;
        Api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}") };
    }

    public int EdgePort { get; }

    public int ApiPort { get; }

    public HttpClient Api { get; }

    public static async Task<InProcessSilo> StartAsync(string policyYaml, string controlConnectionString)
    {
        int edgePort = FreePorts.Next(), apiPort = FreePorts.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:WardenControl"] = controlConnectionString,
            ["Warden:Cluster:ClusterId"] = "it-" + Guid.NewGuid().ToString("N")[..8],
            ["Warden:Silo:ApiPort"] = apiPort.ToString(),
            ["Warden:Silo:SiloPort"] = FreePorts.Next().ToString(),
            ["Warden:Silo:GatewayPort"] = FreePorts.Next().ToString(),
            ["Warden:Edge:Port"] = edgePort.ToString(),
        });
        var mode = new SiloMode(Demo: false, Development: true, PolicyPath: null, HostArguments: []);
        builder.AddWardenSilo(mode, policyYaml);
        var app = builder.Build();
        app.MapWardenApi(mode);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return new InProcessSilo(app, edgePort, apiPort);
    }

    /// <summary>A fresh token from the development issuer, fetched over HTTP like any client would.</summary>
    public async Task<string> TokenAsync(string subject, params string[] groups)
    {
        var response = await Api.PostAsJsonAsync("/dev/token", new { sub = subject, groups, ttlSeconds = 900 });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<TokenResponse>();
        return body!.Token;
    }

    public string EdgeConnectionString(string token, string database, string sslMode = "Disable") =>
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

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed record TokenResponse(string Token);
}
