using Microsoft.Extensions.Configuration;
using Orleans.Configuration;

namespace Warden.Edge.Hosting;

/// <summary>
/// Which Orleans cluster silos and edges join: "Warden:Cluster:ClusterId" and "ServiceId", both "warden"
/// by default. Shared by silo and edge so they cannot disagree on the defaults.
/// </summary>
public static class ClusterIdentity
{
    public const string SectionName = "Warden:Cluster";
    public const string DefaultId = "warden";

    public static void Apply(ClusterOptions options, IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        options.ClusterId = section["ClusterId"] ?? DefaultId;
        options.ServiceId = section["ServiceId"] ?? DefaultId;
    }
}
