using Microsoft.IdentityModel.Tokens;

namespace Warden.Edge.Authentication;

/// <summary>
/// The only JWS algorithms accepted. Excluding "none" and every HMAC algorithm closes the classic
/// confusion attack where a token is MAC'd with the issuer's public key used as the shared secret.
/// </summary>
internal static class AsymmetricAlgorithms
{
    public static readonly IReadOnlyList<string> All =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    private static readonly HashSet<string> Set = new(All, StringComparer.Ordinal);

    public static bool IsAccepted(string? alg) => alg is not null && Set.Contains(alg);
}
