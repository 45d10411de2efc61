using System.Collections.Immutable;
using Warden.Policy.Access;
using Warden.Policy.Approvals;
using Warden.Policy.Identity;
using Warden.Policy.Masking;
using Warden.Policy.Recording;
using Warden.Policy.Targets;

namespace Warden.Policy;

/// <summary>
/// A validated policy (DESIGN §6), immutable so it can be swapped atomically and shared across threads.
/// Built only by <see cref="Loading.PolicyLoader"/>; <see cref="Version"/> is assigned by whoever swaps it in.
/// </summary>
public sealed partial class PolicySnapshot
{
    internal PolicySnapshot(
        ImmutableArray<PolicyTarget> targets,
        IdentityPolicy identity,
        ImmutableArray<AccessRule> access,
        MaskingPolicy masking,
        ApprovalPolicy approvals,
        RecordingPolicy recording,
        long version = 0)
    {
        Targets = targets;
        Identity = identity;
        Access = access;
        Masking = masking;
        Approvals = approvals;
        Recording = recording;
        Version = version;
    }

    /// <summary>Not part of the file: 0 after loading, then set through <see cref="WithVersion"/>.</summary>
    public long Version { get; }

    /// <summary>In file order.</summary>
    public ImmutableArray<PolicyTarget> Targets { get; }

    public IdentityPolicy Identity { get; }

    /// <summary>In file order: the first matching rule wins.</summary>
    public ImmutableArray<AccessRule> Access { get; }

    public MaskingPolicy Masking { get; }

    public ApprovalPolicy Approvals { get; }

    public RecordingPolicy Recording { get; }

    /// <summary>The same policy under another version number.</summary>
    public PolicySnapshot WithVersion(long version) =>
        new(Targets, Identity, Access, Masking, Approvals, Recording, version);

    public PolicyTarget? FindTarget(string name)
    {
        foreach (var target in Targets)
        {
            if (string.Equals(target.Name, name, StringComparison.Ordinal))
            {
                return target;
            }
        }
        return null;
    }

    /// <summary>
    /// The first rule in file order that covers <paramref name="target"/> and the caller, or null (the connection
    /// is refused; also when <paramref name="target"/> is not declared). A rule covers the caller when <paramref name="subject"/> is in its <c>subjects</c> or any of
    /// <paramref name="groups"/> is in its <c>groups</c>.
    /// </summary>
    public AccessRule? MatchRule(string subject, IReadOnlyCollection<string> groups, string target)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(target);
        // A rule without 'targets' covers every declared target, not any name a client sends.
        if (FindTarget(target) is null)
        {
            return null;
        }
        foreach (var rule in Access)
        {
            if (rule.AppliesToTarget(target) && rule.AppliesToCaller(subject, groups))
            {
                return rule;
            }
        }
        return null;
    }

    public override string ToString() =>
        $"policy v{Version} ({Targets.Length} targets, {Access.Length} access rules)";
}
