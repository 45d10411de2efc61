using Warden.Grains.Interfaces.Policy;
using Warden.Policy;

namespace Warden.Grains.Policy;

/// <summary>
/// The policy this silo enforces: an immutable snapshot, swapped atomically, so every grain reads one
/// consistent version without locks. Extra trusted issuers (the development issuer) are added here,
/// not written into the policy.
/// </summary>
public sealed class PolicyRuntime(PolicySnapshot initial, IReadOnlyList<IdentityIssuer> extraIssuers)
{
    /// <summary>Starts at the loaded file's version 0; <see cref="PolicySync"/> installs the cluster's numbered version before the edge listens.</summary>
    private PolicySnapshot _current = initial;

    public PolicySnapshot Current => Volatile.Read(ref _current);

    public IReadOnlyList<IdentityIssuer> ExtraIssuers { get; } = extraIssuers;

    /// <summary>
    /// Installs <paramref name="next"/> if its version is newer than the current one (versions come from the
    /// policy grain); an older or equal version is ignored, so a slow poll cannot roll the policy back.
    /// </summary>
    public bool Install(PolicySnapshot next)
    {
        while (true)
        {
            var current = Current;
            if (next.Version <= current.Version)
            {
                return false;
            }
            if (Interlocked.CompareExchange(ref _current, next, current) == current)
            {
                return true;
            }
        }
    }

    public IdentitySettings IdentitySettings()
    {
        var policy = Current;
        var issuers = policy.Identity.Issuers
            .Select(i => new IdentityIssuer(i.Issuer, i.Audience, i.GroupsClaim))
            .Concat(ExtraIssuers)
            .ToList();
        return new IdentitySettings(policy.Version, issuers);
    }
}
