using Warden.Grains.Interfaces.Sessions;
using Warden.Policy.Access;

namespace Warden.Grains.Policy;

/// <summary>The policy library's verdict as the grain contract's (kept separate so Warden.Policy needs no Orleans).</summary>
internal static class PolicyVerdictMapping
{
    public static Verdict ToVerdict(this PolicyVerdict verdict) => verdict switch
    {
        PolicyVerdict.Allow => Verdict.Allow,
        PolicyVerdict.Approve => Verdict.Approve,
        _ => Verdict.Deny,
    };
}
