namespace Warden.Policy.Access;

/// <summary>The outcome of evaluating one statement against an access rule (DESIGN §6).</summary>
/// <remarks>Numbered like the grain contract's <c>Verdict</c> so the mapping is a plain cast-free switch.</remarks>
public enum PolicyVerdict
{
    Deny = 0,
    Allow = 1,
    Approve = 2,
}
