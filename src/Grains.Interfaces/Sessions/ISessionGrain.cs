namespace Warden.Grains.Interfaces.Sessions;

/// <summary>
/// The policy authority for one client session, keyed by a session id the edge generates.
/// Edges call it once at startup and once per distinct statement text (verdicts are cached at the edge).
/// </summary>
[Alias("Warden.ISessionGrain")]
public interface ISessionGrain : IGrainWithGuidKey
{
    [Alias("Open")]
    Task<SessionOpenResult> OpenAsync(SessionRequest request);

    /// <summary>Classifies and judges one SQL text (a Query or Parse body) under the session's rule.</summary>
    [Alias("Evaluate")]
    Task<StatementVerdict> EvaluateAsync(string sql);

    /// <summary>
    /// Judges a FunctionCall message: it runs a function by OID with no SQL text to classify, so it is
    /// treated as <c>admin</c> and allowed only where the rule allows admin.
    /// </summary>
    [Alias("EvaluateFunctionCall")]
    Task<StatementVerdict> EvaluateFunctionCallAsync(int functionOid);

    [Alias("Close")]
    Task CloseAsync(string reason);
}
