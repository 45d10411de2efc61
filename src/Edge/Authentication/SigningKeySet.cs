using System.Runtime.CompilerServices;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Warden.Edge.Authentication;

/// <summary>The asymmetric signing keys of one metadata snapshot, and the issuer that snapshot declares.</summary>
internal sealed class SigningKeySet
{
    private static readonly ConditionalWeakTable<OpenIdConnectConfiguration, SigningKeySet> Cache = new();

    private SigningKeySet(OpenIdConnectConfiguration source, string? declaredIssuer, IReadOnlyList<SecurityKey> keys)
    {
        Source = source;
        DeclaredIssuer = declaredIssuer;
        Keys = keys;
    }

    /// <summary>The snapshot these keys came from; a refresh the manager skipped (rate limit) returns the same one.</summary>
    public OpenIdConnectConfiguration Source { get; }

    public string? DeclaredIssuer { get; }

    public IReadOnlyList<SecurityKey> Keys { get; }

    public static SigningKeySet From(OpenIdConnectConfiguration configuration) =>
        Cache.GetValue(configuration, static c => new SigningKeySet(c, c.Issuer, [.. c.SigningKeys.Where(IsAsymmetric)]));

    // A JWKS may publish symmetric ("oct") keys; a shared secret known to the issuer's clients must never
    // verify identities here, so only RSA and EC keys are kept.
    private static bool IsAsymmetric(SecurityKey key) => key switch
    {
        AsymmetricSecurityKey => true,
        JsonWebKey jwk => jwk.Kty is JsonWebAlgorithmsKeyTypes.RSA or JsonWebAlgorithmsKeyTypes.EllipticCurve,
        _ => false,
    };
}
