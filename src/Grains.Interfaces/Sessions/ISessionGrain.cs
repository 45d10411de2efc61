using Warden.Grains.Interfaces.Recording;

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
    /// The upstream session's search_path right after login (<c>SHOW search_path</c>), for rules with
    /// <c>objects</c> entries: unqualified relation names are resolved against it. Until it is reported (or if it
    /// cannot be read or parsed: null) an unqualified name may resolve to any schema.
    /// </summary>
    [Alias("ReportSearchPath")]
    Task ReportSearchPathAsync(string? searchPath);

    /// <summary>
    /// Judges a FunctionCall message: it runs a function by OID with no SQL text to classify, so it is
    /// treated as <c>admin</c> and allowed only where the rule allows admin.
    /// </summary>
    [Alias("EvaluateFunctionCall")]
    Task<StatementVerdict> EvaluateFunctionCallAsync(int functionOid);

    /// <summary>
    /// Adds the edge's events to the session's recording. In strict mode the edge awaits this before it
    /// forwards the statements the events describe; a batch sent again (same edge sequence numbers) after a
    /// lost reply is not recorded twice. An empty batch is a heartbeat: it tells the grain the edge is alive.
    /// </summary>
    [Alias("Record")]
    Task<RecordingOutcome> RecordAsync(IReadOnlyList<SessionEvent> events);

    /// <summary>The session as the cluster knows it, or null for an id no session was opened with.</summary>
    [Alias("Describe")]
    Task<SessionSummary?> DescribeAsync();

    /// <summary>Records the close and seals the recording. Safe to call again (for example after a retry).</summary>
    [Alias("Close")]
    Task CloseAsync(string reason);
}
