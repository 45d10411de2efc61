using Orleans.Runtime;
using Warden.Grains.Interfaces.Policy;
using Warden.Policy.Loading;

namespace Warden.Grains.Policy;

/// <summary>
/// Holds the cluster's policy text and version, persisted before any change is acknowledged. Validation
/// happens here, with this silo's secret resolution; every silo then loads the text itself
/// (<see cref="PolicySync"/>), so resolved credentials never cross the cluster from this grain.
/// </summary>
internal sealed class PolicyGrain(
    PolicyRuntime runtime,
    [PersistentState("policy", StorageNames.Warden)] IPersistentState<PolicyGrainState> state) : Grain, IPolicyGrain
{
    public Task<IdentitySettings> GetIdentitySettingsAsync() => Task.FromResult(runtime.IdentitySettings());

    public Task<long> GetVersionAsync() => Task.FromResult(state.State.Version);

    public Task<PolicyDocument?> GetDocumentAsync() => Task.FromResult(Document());

    public async Task<PolicyDocument> InitializeAsync(PolicyDocument bootstrap)
    {
        if (state.State.Yaml is null)
        {
            state.State.Yaml = bootstrap.Yaml;
            state.State.SourcePath = bootstrap.SourcePath;
            state.State.Version = Math.Max(1, bootstrap.Version);
            await state.WriteStateAsync();
        }
        return Document()!;
    }

    public async Task<PolicyUpdateResult> ReplaceAsync(string yaml)
    {
        var loaded = PolicyLoader.Load(yaml);
        if (!loaded.Succeeded)
        {
            return new PolicyUpdateResult(null, [.. loaded.Errors.Select(e => new PolicyProblem(e.Line, e.Column, e.Path, e.Message))]);
        }
        state.State.Yaml = yaml;
        state.State.SourcePath = null;
        state.State.Version++;
        await state.WriteStateAsync();
        // This silo switches at once; the others within one poll interval.
        runtime.Install(loaded.Snapshot.WithVersion(state.State.Version));
        return new PolicyUpdateResult(state.State.Version, []);
    }

    private PolicyDocument? Document() =>
        state.State.Yaml is null ? null : new PolicyDocument(state.State.Version, state.State.Yaml, state.State.SourcePath);
}
