using Warden.Grains.Interfaces.Policy;

namespace Warden.Grains.Policy;

/// <summary>Serves the current policy's public parts (issuers, version) to edges.</summary>
internal sealed class PolicyGrain(PolicyRuntime runtime) : Grain, IPolicyGrain
{
    public Task<IdentitySettings> GetIdentitySettingsAsync() => Task.FromResult(runtime.IdentitySettings());

    public Task<long> GetVersionAsync() => Task.FromResult(runtime.Current.Version);
}
