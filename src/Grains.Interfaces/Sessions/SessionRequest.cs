namespace Warden.Grains.Interfaces.Sessions;

/// <summary>What an edge knows about a new client session when it asks for a plan.</summary>
/// <param name="ClaimedUser">The Postgres user name the client sent: recorded, never trusted.</param>
[GenerateSerializer, Immutable, Alias("Warden.SessionRequest")]
public sealed record SessionRequest(
    [property: Id(0)] CallerIdentity Identity,
    [property: Id(1)] string Target,
    [property: Id(2)] string ClientAddress,
    [property: Id(3)] string ClaimedUser,
    [property: Id(4)] string EdgeId,
    [property: Id(5)] string? ApplicationName);
