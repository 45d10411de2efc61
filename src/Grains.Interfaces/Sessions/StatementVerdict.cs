namespace Warden.Grains.Interfaces.Sessions;

[Alias("Warden.Verdict")]
public enum Verdict
{
    Deny = 0,
    Allow = 1,
    Approve = 2,
}

public static class VerdictNames
{
    /// <summary>The lower-case name DESIGN §6 uses on the wire and in telemetry: allow, deny, approve.</summary>
    public static string ToWireName(this Verdict verdict) => verdict switch
    {
        Verdict.Allow => "allow",
        Verdict.Approve => "approve",
        _ => "deny",
    };
}

/// <summary>
/// The policy decision for one statement text. A pure function of (policy version, access rule,
/// statement text), so an edge may cache it under that key.
/// </summary>
/// <param name="Classes">Statement classes from DESIGN §6, lower case (read, write, ddl, ...).</param>
/// <param name="Reason">For deny/approve: the text shown to the client (names the rule and the class).</param>
/// <param name="Cacheable">
/// False when the verdict depends on the session's own state (SQL-level PREPARE/EXECUTE/DEALLOCATE): the
/// edge must then ask the session grain every time instead of sharing the verdict across sessions.
/// </param>
[GenerateSerializer, Immutable, Alias("Warden.StatementVerdict")]
public sealed record StatementVerdict(
    [property: Id(0)] Verdict Verdict,
    [property: Id(1)] IReadOnlyList<string> Classes,
    [property: Id(2)] string RuleName,
    [property: Id(3)] long PolicyVersion,
    [property: Id(4)] string? Reason,
    [property: Id(5)] bool Cacheable = true);
