using System.Text.Json.Serialization;

namespace Warden.Silo.DevIssuer;

// Wire documents of the development issuer. Discovery and JWKS member names are fixed by the OIDC and JWK
// specifications (snake_case, short names), so they are spelled out rather than left to the host's naming policy.

/// <summary>OpenID Connect Discovery 1.0, section 3. There is no authorization endpoint: tokens come from POST /dev/token.</summary>
internal sealed record DiscoveryDocument(
    [property: JsonPropertyName("issuer")] string Issuer,
    [property: JsonPropertyName("jwks_uri")] string JwksUri,
    [property: JsonPropertyName("token_endpoint")] string TokenEndpoint,
    [property: JsonPropertyName("response_types_supported")] IReadOnlyList<string> ResponseTypesSupported,
    [property: JsonPropertyName("subject_types_supported")] IReadOnlyList<string> SubjectTypesSupported,
    [property: JsonPropertyName("id_token_signing_alg_values_supported")] IReadOnlyList<string> SigningAlgorithmsSupported,
    [property: JsonPropertyName("claims_supported")] IReadOnlyList<string> ClaimsSupported);

/// <summary>RFC 7517 section 5: a JWK Set. Only public keys ever go in it.</summary>
internal sealed record JsonWebKeySetDocument([property: JsonPropertyName("keys")] IReadOnlyList<PublicJsonWebKey> Keys);

/// <summary>
/// RFC 7517/7518: the public members of an RSA (n, e) or EC (crv, x, y) key. The type has no members for
/// private parameters (d, p, q, ...), so they cannot be serialized by mistake.
/// </summary>
internal sealed record PublicJsonWebKey(
    [property: JsonPropertyName("kty")] string KeyType,
    [property: JsonPropertyName("use")] string Use,
    [property: JsonPropertyName("kid")] string KeyId,
    [property: JsonPropertyName("alg")] string Algorithm,
    [property: JsonPropertyName("n"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Modulus,
    [property: JsonPropertyName("e"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Exponent,
    [property: JsonPropertyName("crv"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Curve,
    [property: JsonPropertyName("x"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? X,
    [property: JsonPropertyName("y"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Y);

/// <summary>Body of POST /dev/token: <c>{"sub":"alice","groups":["ci"],"ttlSeconds":900}</c>.</summary>
internal sealed record DevTokenRequest(
    [property: JsonPropertyName("sub")] string? Sub,
    [property: JsonPropertyName("groups")] IReadOnlyList<string?>? Groups,
    [property: JsonPropertyName("ttlSeconds")] int? TtlSeconds);

/// <summary>Answer of POST /dev/token: <c>{"token":"&lt;jwt&gt;"}</c>.</summary>
internal sealed record DevTokenResponse([property: JsonPropertyName("token")] string Token);
