using Warden.Grains.Interfaces.Sessions;

namespace Warden.Grains.Interfaces.Cancellation;

/// <summary>
/// How to cancel a session's running statement: the upstream server's address and the backend key it
/// gave the edge. Clients only ever see the gateway-issued key; this stays inside the cluster.
/// </summary>
[GenerateSerializer, Immutable, Alias("Warden.CancelRoute")]
public sealed record CancelRoute(
    [property: Id(0)] string Host,
    [property: Id(1)] int Port,
    [property: Id(2)] int UpstreamProcessId,
    [property: Id(3)] int UpstreamSecretKey,
    [property: Id(4)] UpstreamTls Tls);

/// <summary>A gateway-issued backend key registration: the secret the client must present, and where it leads.</summary>
[GenerateSerializer, Immutable, Alias("Warden.CancelRegistration")]
public sealed record CancelRegistration(
    [property: Id(0)] int GatewaySecretKey,
    [property: Id(1)] Guid SessionId,
    [property: Id(2)] CancelRoute Route);
