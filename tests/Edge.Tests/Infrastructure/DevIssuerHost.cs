using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Warden.Grains.Interfaces.Policy;
using Warden.Silo.DevIssuer;

namespace Warden.Edge.Tests.Infrastructure;

/// <summary>
/// A real OIDC issuer over HTTP on 127.0.0.1 with an ephemeral port: the silo's DevTokenIssuer and MapDevIssuer
/// in a minimal Kestrel app. Counts metadata requests so tests can see when the validator fetches.
/// </summary>
internal sealed class DevIssuerHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _discoveryRequests;
    private int _jwksRequests;

    private DevIssuerHost(WebApplication app) => _app = app;

    public DevTokenIssuer Issuer { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public int DiscoveryRequests => Volatile.Read(ref _discoveryRequests);

    public int JwksRequests => Volatile.Read(ref _jwksRequests);

    /// <summary>How the edge trusts this issuer: the dev issuer's audience and groups claim.</summary>
    public IdentityIssuer Trust(string? groupsClaim = null) =>
        new(Issuer.Issuer, DevTokenIssuer.Audience, groupsClaim ?? DevTokenIssuer.GroupsClaim);

    public static async Task<DevIssuerHost> StartAsync(DevSigningKeyType keyType = DevSigningKeyType.Rsa2048)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();

        // The issuer URL contains the port, known only once Kestrel has bound; the singleton is first
        // resolved after start, below, so the factory can read it then.
        Uri? issuerUri = null;
        builder.Services.AddSingleton(_ => new DevTokenIssuer(
            issuerUri ?? throw new InvalidOperationException("The issuer host has not started."), TimeProvider.System, keyType));

        WebApplication app = builder.Build();
        var host = new DevIssuerHost(app);
        app.Use(async (HttpContext context, RequestDelegate next) =>
        {
            string path = context.Request.Path.Value ?? "";
            if (path.EndsWith("/.well-known/openid-configuration", StringComparison.Ordinal))
                Interlocked.Increment(ref host._discoveryRequests);
            else if (path.EndsWith("/jwks", StringComparison.Ordinal))
                Interlocked.Increment(ref host._jwksRequests);
            await next(context);
        });
        app.MapDevIssuer();
        await app.StartAsync();

        var baseAddress = new Uri(app.Urls.Single());
        issuerUri = new Uri(baseAddress, DevTokenIssuer.PathPrefix);
        host.Issuer = app.Services.GetRequiredService<DevTokenIssuer>();
        host.Client = new HttpClient { BaseAddress = baseAddress };
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
