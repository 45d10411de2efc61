namespace Warden.Policy.Approvals;

/// <summary>DESIGN §5. YAML: <c>hold | deferred</c>.</summary>
public enum ApprovalMode
{
    /// <summary>The client's statement waits and runs exactly once when approved.</summary>
    Hold = 0,

    /// <summary>The client gets an error with the approval id; the identical statement runs once after approval.</summary>
    Deferred = 1,
}
