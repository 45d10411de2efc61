namespace Warden.Grains.Interfaces.Sessions;

[Alias("Warden.UpstreamTls")]
public enum UpstreamTls
{
    Disable = 0,
    Require = 1,
    VerifyFull = 2,
}

/// <summary>
/// Where and as whom the edge logs in upstream. Carries the held credential inside the cluster
/// (silo → edge); it is never sent to a client, logged or recorded. <see cref="ToString"/> redacts it.
/// </summary>
[GenerateSerializer, Immutable, Alias("Warden.UpstreamEndpoint")]
public sealed record UpstreamEndpoint(
    [property: Id(0)] string Host,
    [property: Id(1)] int Port,
    [property: Id(2)] string Database,
    [property: Id(3)] string User,
    [property: Id(4)] string Password,
    [property: Id(5)] UpstreamTls Tls)
{
    public override string ToString() => $"{User}@{Host}:{Port}/{Database} (tls {Tls})";
}
