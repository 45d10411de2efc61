using System.Collections.Immutable;

namespace Warden.Policy.Approvals;

/// <summary>The <c>approvals</c> section (DESIGN §5).</summary>
public sealed class ApprovalPolicy
{
    public const ApprovalMode DefaultMode = ApprovalMode.Hold;

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Used when the section is omitted: nobody can approve, so every approval times out (fails closed).</summary>
    internal static readonly ApprovalPolicy Default = new([], DefaultMode, DefaultTimeout);

    internal ApprovalPolicy(ImmutableArray<string> approverGroups, ApprovalMode mode, TimeSpan timeout)
    {
        ApproverGroups = approverGroups;
        Mode = mode;
        Timeout = timeout;
    }

    public ImmutableArray<string> ApproverGroups { get; }

    public ApprovalMode Mode { get; }

    /// <summary>How long a request waits for a decision before it is treated as denied.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Whether a caller with <paramref name="groups"/> may decide approvals (self-approval is checked elsewhere).</summary>
    public bool IsApprover(IEnumerable<string> groups) => NameLists.Intersects(ApproverGroups, groups);
}
