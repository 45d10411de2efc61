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
    private PolicySnapshot _current = initial.Version == 0 ? initial.WithVersion(1) : initial;

    public PolicySnapshot Current => Volatile.Read(ref _current);

    public IReadOnlyList<IdentityIssuer> ExtraIssuers { get; } = extraIssuers;

    /// <summary>Installs <paramref name="next"/> as the next version and returns it.</summary>
    public PolicySnapshot Swap(PolicySnapshot next)
    {
        while (true)
        {
            var current = Current;
            var versioned = next.WithVersion(current.Version + 1);
            if (Interlocked.CompareExchange(ref _current, versioned, current) == current)
            {
                return versioned;
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
