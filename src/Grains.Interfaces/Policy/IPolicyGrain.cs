namespace Warden.Grains.Interfaces.Policy;

/// <summary>The current policy, versioned. One activation per cluster (key <see cref="PolicyKeys.Current"/>).</summary>
[Alias("Warden.IPolicyGrain")]
public interface IPolicyGrain : IGrainWithStringKey
{
    [Alias("GetIdentitySettings")]
    Task<IdentitySettings> GetIdentitySettingsAsync();

    [Alias("GetVersion")]
    Task<long> GetVersionAsync();
}

public static class PolicyKeys
{
    public const string Current = "current";

    public static IPolicyGrain Policy(this IGrainFactory grains) => grains.GetGrain<IPolicyGrain>(Current);
}
