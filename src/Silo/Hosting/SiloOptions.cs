using System.ComponentModel.DataAnnotations;

namespace Warden.Silo.Hosting;

/// <summary>Settings of a silo. Section "Warden:Silo"; environment variables Warden__Silo__ApiPort etc.</summary>
public sealed class SiloOptions
{
    public const string SectionName = "Warden:Silo";

    /// <summary>Address the REST API binds (DESIGN §6: 127.0.0.1:8080).</summary>
    [Required]
    public string ApiListenAddress { get; set; } = "127.0.0.1";

    [Range(0, 65535)]
    public int ApiPort { get; set; } = 8080;

    /// <summary>Orleans silo-to-silo port.</summary>
    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    /// <summary>Orleans gateway port, where standalone edges connect as clients.</summary>
    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Address other silos and edges reach this silo at. Default loopback; set it in any real deployment.</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>Co-host an edge in this silo (the embedded default). Turn off when edges run as their own processes.</summary>
    public bool CoHostEdge { get; set; } = true;
}
