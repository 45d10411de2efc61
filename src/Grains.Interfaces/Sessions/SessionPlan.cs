using Warden.Grains.Interfaces.Masking;
using Warden.Grains.Interfaces.Recording;

namespace Warden.Grains.Interfaces.Sessions;

/// <summary>
/// Everything an edge needs to run one client session without asking the cluster again for each
/// statement: where to log in, as which least-privileged role, under which rule and policy version.
/// </summary>
/// <param name="Recording">How the edge must deliver recording events (policy <c>recording.durability</c>).</param>
/// <param name="ReadOnly">The rule allows no write, ddl, dcl or admin: the upstream session is opened read-only.</param>
/// <param name="ObjectRules">
/// The rule has <c>objects</c> entries, so verdicts depend on where unqualified names resolve: after login the
/// edge reads the upstream session's search_path and reports it (<see cref="ISessionGrain.ReportSearchPathAsync"/>).
/// </param>
/// <param name="ResultSamples">
/// Record the first rows of each result, masked so (policy <c>recording.results: masked</c>); null: tags and counts
/// only. Also null when the policy masks columns but the catalog could not resolve them (fail closed).
/// </param>
[GenerateSerializer, Immutable, Alias("Warden.SessionPlan")]
public sealed record SessionPlan(
    [property: Id(0)] Guid SessionId,
    [property: Id(1)] string RuleName,
    [property: Id(2)] string Role,
    [property: Id(3)] UpstreamEndpoint Upstream,
    [property: Id(4)] long PolicyVersion,
    [property: Id(5)] bool ReadOnly,
    [property: Id(6)] DateTimeOffset TokenExpiresAt,
    [property: Id(7)] RecordingMode Recording,
    [property: Id(8)] bool ObjectRules = false,
    [property: Id(9)] SampleMasking? ResultSamples = null);

/// <summary>Result of opening a session: a plan, or the reason the caller is refused (an expected outcome, not an exception).</summary>
[GenerateSerializer, Immutable, Alias("Warden.SessionOpenResult")]
public sealed record SessionOpenResult(
    [property: Id(0)] SessionPlan? Plan,
    [property: Id(1)] string? Refusal)
{
    public static SessionOpenResult Refused(string reason) => new(null, reason);
    public static SessionOpenResult Opened(SessionPlan plan) => new(plan, null);
}
