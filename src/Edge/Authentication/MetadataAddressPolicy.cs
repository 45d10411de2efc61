using System.Net;

namespace Warden.Edge.Authentication;

/// <summary>
/// Where issuer metadata and keys may be fetched from: https anywhere, plain http only from this machine.
/// Keys fetched over cleartext from another host could be replaced in transit, letting anyone mint tokens.
/// </summary>
internal static class MetadataAddressPolicy
{
    public static bool IsAllowed(Uri address) =>
        address.IsAbsoluteUri
        && string.IsNullOrEmpty(address.UserInfo)
        && (address.Scheme == Uri.UriSchemeHttps || (address.Scheme == Uri.UriSchemeHttp && IsLoopbackHost(address)));

    public static bool IsAllowed(string address) =>
        Uri.TryCreate(address, UriKind.Absolute, out Uri? uri) && IsAllowed(uri);

    /// <summary>127.0.0.0/8, ::1 (also IPv4-mapped) or the name localhost.</summary>
    public static bool IsLoopbackHost(Uri address)
    {
        string host = address.DnsSafeHost;
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
            return true;
        if (!IPAddress.TryParse(host, out IPAddress? ip))
            return false;
        if (ip.IsIPv4MappedToIPv6)
            ip = ip.MapToIPv4();
        return IPAddress.IsLoopback(ip);
    }

    /// <summary>The OIDC discovery document of an issuer (OpenID Connect Discovery 1.0, section 4).</summary>
    public static string DiscoveryAddress(string issuer) =>
        issuer.TrimEnd('/') + "/.well-known/openid-configuration";
}
