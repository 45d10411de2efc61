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
    /// <summary>Settings and when they were fetched, swapped as one so concurrent logins never see a torn pair.</summary>
    private Snapshot? _snapshot;

    public async ValueTask<IReadOnlyList<IdentityIssuer>> GetIssuersAsync(CancellationToken cancellationToken)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        var now = time.GetUtcNow();
        if (snapshot is null || now - snapshot.FetchedAt > RefreshAfter)
        {
            var settings = await grains.Policy().GetIdentitySettingsAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            snapshot = new Snapshot(settings, now);
            Volatile.Write(ref _snapshot, snapshot);
        }
        return snapshot.Settings.Issuers;
    }

    private sealed record Snapshot(IdentitySettings Settings, DateTimeOffset FetchedAt);
}
