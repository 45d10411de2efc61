namespace Warden.Grains.Interfaces.Sessions;

/// <summary>Who is calling, as established by a validated OIDC token. The raw token never leaves the edge.</summary>
[GenerateSerializer, Immutable, Alias("Warden.CallerIdentity")]
public sealed record CallerIdentity(
    [property: Id(0)] string Subject,
    [property: Id(1)] string Issuer,
    [property: Id(2)] IReadOnlyList<string> Groups,
    [property: Id(3)] string? TokenId,
    [property: Id(4)] DateTimeOffset ExpiresAt);
