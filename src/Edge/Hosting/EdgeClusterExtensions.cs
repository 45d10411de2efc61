using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace Warden.Edge.Hosting;

/// <summary>How a standalone edge finds the silos: ADO.NET clustering on the control database, or localhost in --dev.</summary>
public static class EdgeClusterExtensions
{
    public const string ControlDatabaseKey = "ConnectionStrings:WardenControl";

    public static IHostApplicationBuilder AddWardenClusterClient(this IHostApplicationBuilder builder, bool development)
    {
        var control = builder.Configuration[ControlDatabaseKey];
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o => ClusterIdentity.Apply(o, builder.Configuration));
                if (!string.IsNullOrEmpty(control))
            {
                client.UseAdoNetClustering(o =>
                {
                    o.Invariant = "Npgsql";
                    o.ConnectionString = control;
                });
            }
            else if (development)
            {
                client.UseLocalhostClustering();
            }
            else
            {
                throw new InvalidOperationException($"No control database configured ({ControlDatabaseKey}); only --dev may fall back to localhost clustering.");
            }
        });
        return builder;
    }
}
