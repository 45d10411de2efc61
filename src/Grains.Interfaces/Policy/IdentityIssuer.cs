namespace Warden.Grains.Interfaces.Policy;

/// <summary>A trusted OIDC issuer. Public configuration: edges fetch it to validate tokens.</summary>
[GenerateSerializer, Immutable, Alias("Warden.IdentityIssuer")]
public sealed record IdentityIssuer(
    [property: Id(0)] string Issuer,
    [property: Id(1)] string Audience,
    [property: Id(2)] string GroupsClaim);

/// <summary>What an edge needs from the policy to authenticate callers.</summary>
[GenerateSerializer, Immutable, Alias("Warden.IdentitySettings")]
public sealed record IdentitySettings(
    [property: Id(0)] long PolicyVersion,
    [property: Id(1)] IReadOnlyList<IdentityIssuer> Issuers);
