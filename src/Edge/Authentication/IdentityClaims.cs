using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Warden.Grains.Interfaces.Policy;
using Warden.Grains.Interfaces.Sessions;

namespace Warden.Edge.Authentication;

/// <summary>Turns the claims of a token whose signature, issuer, audience and lifetime were verified into an identity.</summary>
internal static class IdentityClaims
{
    public static bool TryCreateIdentity(
        JsonWebToken token, IdentityIssuer issuer, [NotNullWhen(true)] out CallerIdentity? identity, out TokenFailureReason failure)
    {
        identity = null;
        if (!token.TryGetPayloadValue(JwtRegisteredClaimNames.Sub, out string? subject) || string.IsNullOrWhiteSpace(subject))
        {
            failure = TokenFailureReason.MissingSubject;
            return false;
        }

        if (!TryReadGroups(token, issuer.GroupsClaim, out IReadOnlyList<string> groups))
        {
            failure = TokenFailureReason.InvalidClaims;
            return false;
        }

        string? tokenId = token.TryGetPayloadValue(JwtRegisteredClaimNames.Jti, out string? jti) && !string.IsNullOrEmpty(jti)
            ? jti
            : null;

        // exp is required by validation, so ValidTo is always set here.
        var expiresAt = new DateTimeOffset(DateTime.SpecifyKind(token.ValidTo, DateTimeKind.Utc));
        identity = new CallerIdentity(subject, issuer.Issuer, groups, tokenId, expiresAt);
        failure = default;
        return true;
    }

    /// <summary>
    /// The groups claim may be a string or an array of strings; absent means no groups. Anything else
    /// (numbers, objects) fails the token rather than being guessed at, since groups grant access.
    /// </summary>
    private static bool TryReadGroups(JsonWebToken token, string claimName, out IReadOnlyList<string> groups)
    {
        groups = [];
        if (string.IsNullOrEmpty(claimName) || !token.TryGetClaim(claimName, out _))
            return true;

        var values = new List<string>();
        foreach (Claim claim in token.Claims)
        {
            if (!string.Equals(claim.Type, claimName, StringComparison.Ordinal))
                continue;
            if (claim.ValueType != ClaimValueTypes.String || string.IsNullOrEmpty(claim.Value))
                return false;
            if (!values.Contains(claim.Value, StringComparer.Ordinal))
                values.Add(claim.Value);
        }

        groups = values;
        return true;
    }
}
