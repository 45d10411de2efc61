using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Warden.Silo.DevIssuer;

namespace Warden.Edge.Tests.Infrastructure;

/// <summary>Builds tokens with chosen claims, times and keys, for cases the dev issuer's Mint never produces.</summary>
internal static class TestTokens
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>
    /// A token as the issuer would mint it (iss, aud warden, sub alice, groups [ci], jti, valid for 15 minutes
    /// from now), changed by <paramref name="customize"/> and signed with <paramref name="credentials"/> or the issuer's key.
    /// </summary>
    public static string Create(
        DevTokenIssuer issuer, Action<SecurityTokenDescriptor>? customize = null, SigningCredentials? credentials = null)
    {
        DateTime now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer.Issuer,
            Audience = DevTokenIssuer.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(15),
            SigningCredentials = credentials ?? issuer.SigningCredentials,
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = "alice",
                ["groups"] = new[] { "ci" },
                [JwtRegisteredClaimNames.Jti] = "token-1",
            },
        };
        customize?.Invoke(descriptor);
        return Handler.CreateToken(descriptor);
    }

    /// <summary>An RSA key the issuers do not know, optionally posing under a key id they do know.</summary>
    public static SigningCredentials ForeignRsaCredentials(string? keyId = null) =>
        new(new RsaSecurityKey(System.Security.Cryptography.RSA.Create(2048)) { KeyId = keyId ?? "foreign-key" }, SecurityAlgorithms.RsaSha256);

    /// <summary>An unsigned JWT: header {"alg":"none"}, valid claims, empty signature (RFC 7519 section 6.1).</summary>
    public static string Unsigned(DevTokenIssuer issuer)
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = new { alg = "none", typ = "JWT" };
        var payload = new Dictionary<string, object>
        {
            ["iss"] = issuer.Issuer, ["aud"] = DevTokenIssuer.Audience, ["sub"] = "mallory",
            ["groups"] = new[] { "dba" }, ["iat"] = now, ["nbf"] = now, ["exp"] = now + 900,
        };
        return Encode(header) + "." + Encode(payload) + ".";
    }

    /// <summary>
    /// The key-confusion attack: HS256 with the issuer's RSA public key (its PEM, as published) used as the
    /// HMAC secret, under the issuer's real kid. A validator that lets the token pick the algorithm accepts it.
    /// </summary>
    public static string HmacWithRsaPublicKey(DevTokenIssuer issuer)
    {
        var rsaKey = (RsaSecurityKey)issuer.SigningCredentials.Key;
        byte[] secret = Encoding.UTF8.GetBytes(rsaKey.Rsa.ExportSubjectPublicKeyInfoPem());
        var hmac = new SigningCredentials(new SymmetricSecurityKey(secret) { KeyId = rsaKey.KeyId }, SecurityAlgorithms.HmacSha256);
        return Create(issuer, credentials: hmac);
    }

    private static string Encode(object value) => Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(value));
}
