using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Warden.Edge.Authentication;
using Warden.Edge.Cluster;
using Warden.Edge.Connections;
using Warden.Edge.Statements;

namespace Warden.Edge.Hosting;

/// <summary>Registers an edge in any host that already provides an <see cref="IGrainFactory"/> (a silo, or an Orleans client).</summary>
public static class EdgeHostingExtensions
{
    public static IServiceCollection AddWardenEdge(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EdgeOptions>().Bind(configuration.GetSection(EdgeOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<EdgeCertificate>();
        services.AddWardenTokenValidation();
        services.AddSingleton<VerdictCache>();
        services.AddSingleton<EdgeContext>();
        services.AddSingleton<PolicyVersionWatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<PolicyVersionWatcher>());
        // Continuations of client socket reads run on the I/O thread instead of hopping to the thread pool:
        // the relay does no blocking work, and each hop cost more CPU than the relay itself (bench/README.md,
        // "Why Warden is slower"). CPU-heavy login steps (SCRAM's PBKDF2) continue from upstream socket
        // completions, which still run on the thread pool.
        services.Configure<SocketTransportOptions>(o => o.UnsafePreferInlineScheduling = true);
        // Kestrel listens for PostgreSQL on the edge port; every connection goes to the connection handler.
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<EdgeOptions>>((kestrel, edge) =>
            kestrel.Listen(IPAddress.Parse(edge.Value.ListenAddress), edge.Value.Port, listen => listen.UseConnectionHandler<PgConnectionHandler>()));
        return services;
    }

    /// <summary>Token validation against the issuers the cluster trusts; the silo's REST API uses it too.</summary>
    public static IServiceCollection AddWardenTokenValidation(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(TokenValidator)))
        {
            return services; // a co-hosted edge and the silo's API share one validator and its caches
        }
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IIssuerSource, ClusterIssuerSource>();
        services.AddTokenValidation();
        return services;
    }
}
