using Warden.Edge.Cluster;
using Warden.Edge.Diagnostics;
using Warden.Grains.Interfaces.Sessions;

namespace Warden.Edge.Statements;

/// <summary>
/// Judges the SQL texts of one session: from the edge cache when it can, otherwise by asking the
/// session grain (which classifies and applies the rule) and caching the answer. Lookups use the newest
/// policy version the edge knows of, so a policy change makes every text be judged again.
/// </summary>
internal sealed class StatementGate(SessionPlan plan, ISessionGrain session, VerdictCache cache, PolicyVersionWatcher policyVersion)
{
    private string _rule = plan.RuleName;
    private long _version = plan.PolicyVersion;

    public ValueTask<Judgement> JudgeAsync(string sql)
    {
        if (cache.TryGet(Math.Max(_version, policyVersion.Current), _rule, sql, out var verdict))
        {
            EdgeTelemetry.Statement(verdict.Verdict.ToWireName(), cached: true);
            return ValueTask.FromResult(new Judgement(verdict, Cached: true));
        }
        return new ValueTask<Judgement>(AskClusterAsync(sql));
    }

    private async Task<Judgement> AskClusterAsync(string sql)
    {
        var verdict = await session.EvaluateAsync(sql).ConfigureAwait(false);
        if (verdict.Cacheable)
        {
            cache.Add(sql, verdict);
        }
        // The session may have moved to another rule or version; later lookups follow it.
        _rule = verdict.RuleName;
        _version = verdict.PolicyVersion;
        EdgeTelemetry.Statement(verdict.Verdict.ToWireName(), cached: false);
        return new Judgement(verdict, Cached: false);
    }
}

/// <summary>A verdict and whether it came from the edge cache (recorded with the statement).</summary>
internal readonly record struct Judgement(StatementVerdict Verdict, bool Cached);
