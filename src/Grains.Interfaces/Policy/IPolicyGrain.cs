namespace Warden.Grains.Interfaces.Policy;

/// <summary>
/// The cluster's authority on the current policy, versioned and persisted. One activation per cluster
/// (key <see cref="PolicyKeys.Current"/>). Silos and edges poll <see cref="GetVersionAsync"/> and load a
/// newer document when the version moves.
/// </summary>
[Alias("Warden.IPolicyGrain")]
public interface IPolicyGrain : IGrainWithStringKey
{
    [Alias("GetIdentitySettings")]
    Task<IdentitySettings> GetIdentitySettingsAsync();

    [Alias("GetVersion")]
    Task<long> GetVersionAsync();

    [Alias("GetDocument")]
    Task<PolicyDocument?> GetDocumentAsync();

    /// <summary>Adopts <paramref name="bootstrap"/> as version 1 if the cluster has no policy yet; returns the current document either way.</summary>
    [Alias("Initialize")]
    Task<PolicyDocument> InitializeAsync(PolicyDocument bootstrap);

    /// <summary>Validates <paramref name="yaml"/> and, when valid, installs it as the next version.</summary>
    [Alias("Replace")]
    Task<PolicyUpdateResult> ReplaceAsync(string yaml);
}

public static class PolicyKeys
{
    public const string Current = "current";

    public static IPolicyGrain Policy(this IGrainFactory grains) => grains.GetGrain<IPolicyGrain>(Current);
}

/// <summary>Names of the grain storage providers Warden registers.</summary>
public static class StorageNames
{
    /// <summary>Durable state (the policy now; approvals later): ADO.NET on the control database, memory in --dev without one.</summary>
    public const string Warden = "warden";
}
