using System.Collections.Immutable;

namespace Warden.Policy.Identity;

/// <summary>An OIDC issuer whose tokens are accepted.</summary>
/// <param name="GroupsClaim">The token claim holding the caller's groups; <c>groups</c> when omitted.</param>
public sealed record TrustedIssuer(string Issuer, string Audience, string GroupsClaim)
{
    public const string DefaultGroupsClaim = "groups";
}

/// <summary>The <c>identity</c> section. Without issuers no token is accepted, except the dev issuer's in <c>--dev</c>/<c>--demo</c>.</summary>
public sealed class IdentityPolicy
{
    internal static readonly IdentityPolicy Empty = new([]);

    internal IdentityPolicy(ImmutableArray<TrustedIssuer> issuers)
    {
        Issuers = issuers;
    }

    public ImmutableArray<TrustedIssuer> Issuers { get; }
}
