using Warden.Grains.Interfaces.Sessions;

namespace Warden.Edge.Statements;

/// <summary>
/// Judges the SQL texts of one session: from the edge cache when it can, otherwise by asking the
/// session grain (which classifies and applies the rule) and caching the answer.
/// </summary>
internal sealed class StatementGate(SessionPlan plan, ISessionGrain session, VerdictCache cache)
{
    public ValueTask<StatementVerdict> JudgeAsync(string sql)
    {
        if (cache.TryGet(plan.PolicyVersion, plan.RuleName, sql, out var verdict))
        {
            return ValueTask.FromResult(verdict);
        }
        return new ValueTask<StatementVerdict>(AskClusterAsync(sql));
    }

    private async Task<StatementVerdict> AskClusterAsync(string sql)
    {
        var verdict = await session.EvaluateAsync(sql).ConfigureAwait(false);
        cache.Add(sql, verdict);
        return verdict;
    }
}
