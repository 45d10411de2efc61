using Warden.Edge.Authentication;
using Warden.Grains.Interfaces.Policy;

namespace Warden.Edge.Cluster;

/// <summary>
/// Trusted issuers come from the cluster's policy (plus the silo's development issuer in --dev/--demo).
/// Re-read at most every few seconds: token validation must not cost a grain call per connection.
/// </summary>
internal sealed class ClusterIssuerSource(IGrainFactory grains, TimeProvider time) : IIssuerSource
{
    private static readonly TimeSpan RefreshAfter = TimeSpan.FromSeconds(5);
    private IdentitySettings? _settings;
    private DateTimeOffset _fetchedAt;

    public async ValueTask<IReadOnlyList<IdentityIssuer>> GetIssuersAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_settings is null || now - _fetchedAt > RefreshAfter)
        {
            _settings = await grains.Policy().GetIdentitySettingsAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            _fetchedAt = now;
        }
        return _settings.Issuers;
    }
}
