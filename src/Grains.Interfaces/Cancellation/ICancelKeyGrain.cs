namespace Warden.Grains.Interfaces.Cancellation;

/// <summary>
/// One gateway-issued backend process id. A CancelRequest can reach any edge (clients open a new
/// connection for it), so the mapping from gateway key to upstream backend lives in the cluster.
/// </summary>
[Alias("Warden.ICancelKeyGrain")]
public interface ICancelKeyGrain : IGrainWithIntegerKey
{
    /// <summary>Claims this process id for a session. False when another live session holds it.</summary>
    [Alias("Register")]
    Task<bool> RegisterAsync(CancelRegistration registration);

    /// <summary>The upstream route when <paramref name="gatewaySecretKey"/> matches; otherwise null.</summary>
    [Alias("Resolve")]
    Task<CancelRoute?> ResolveAsync(int gatewaySecretKey);

    [Alias("Unregister")]
    Task UnregisterAsync(Guid sessionId);
}

public static class CancelKeys
{
    public static ICancelKeyGrain CancelKey(this IGrainFactory grains, int gatewayProcessId) =>
        grains.GetGrain<ICancelKeyGrain>(gatewayProcessId);
}
