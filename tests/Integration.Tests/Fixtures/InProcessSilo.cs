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

    private InProcessSilo(WebApplication app, int edgePort, int apiPort, string recordingDirectory)
    {
        _app = app;
        RecordingDirectory = recordingDirectory;
        EdgePort = edgePort;
        ApiPort = apiPort;
        Api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}") };
    }

    public int EdgePort { get; }

    public int ApiPort { get; }

    public HttpClient Api { get; }

    /// <summary>The file recording store's root (a fresh temporary directory unless the settings name a blob store).</summary>
    public string RecordingDirectory { get; }

    /// <summary>The silo's services (grain factory, recording store) for tests that look behind the edge.</summary>
    public IServiceProvider Services => _app.Services;

    public static async Task<InProcessSilo> StartAsync(
        string policyYaml, string controlConnectionString, IReadOnlyDictionary<string, string?>? settings = null)
    {
        int edgePort = FreePorts.Next(), apiPort = FreePorts.Next();
        var recordingDirectory = Directory.CreateTempSubdirectory("warden-recordings-").FullName;
        var serviceId = "it-" + Guid.NewGuid().ToString("N")[..8];
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Warden:Recording:Directory"] = recordingDirectory,
            ["ConnectionStrings:WardenControl"] = controlConnectionString,
            // Its own service id too: grain state (the policy, sessions) is keyed by service on the shared control database.
            ["Warden:Cluster:ClusterId"] = serviceId,
            ["Warden:Cluster:ServiceId"] = serviceId,
            ["Warden:Silo:ApiPort"] = apiPort.ToString(),
            ["Warden:Silo:SiloPort"] = FreePorts.Next().ToString(),
            ["Warden:Silo:GatewayPort"] = FreePorts.Next().ToString(),
            ["Warden:Edge:Port"] = edgePort.ToString(),
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }
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
        return new InProcessSilo(app, edgePort, apiPort, recordingDirectory);
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
        try
        {
            Directory.Delete(RecordingDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A test may still hold a file open; the temporary directory is the OS's to clean.
        }
    }

    private sealed record TokenResponse(string Token);
}
