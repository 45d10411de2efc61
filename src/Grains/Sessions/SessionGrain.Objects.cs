using Warden.Grains.Interfaces.Objects;
using Warden.Grains.Interfaces.Sessions;
using Warden.Grains.Objects;
using Warden.Grains.Policy;
using Warden.Sql;

namespace Warden.Grains.Sessions;

/// <summary>
/// Object-scoped rules (issue 5): the session's possible search paths, and judging statements relation by
/// relation against the target's catalog (<see cref="ICatalogGrain"/>).
/// </summary>
internal sealed partial class SessionGrain
{
    /// <summary>
    /// Where unqualified names may resolve. Unknown until the edge reports the upstream path after login, and
    /// after this activation was moved to another silo (fail closed: any schema).
    /// </summary>
    private SearchPaths _paths = SearchPaths.Unknown;

    public Task ReportSearchPathAsync(string? searchPath)
    {
        Touch();
        _paths = searchPath is not null && SearchPathText.Parse(searchPath) is { } path ? SearchPaths.Startup(path) : SearchPaths.Unknown;
        return Task.CompletedTask;
    }

    private async Task<StatementVerdict> JudgeObjectsAsync(SqlAnalysis analysis)
    {
        var catalogGrain = GrainFactory.Catalog(_request!.Target);
        var catalog = await catalogGrain.GetAsync();
        var judgement = ObjectJudge.Judge(_rule!, analysis, _paths, catalog, UpstreamUser());
        var decision = judgement.Decision;
        if (decision.Verdict == Warden.Policy.Access.PolicyVerdict.Allow && (analysis.Classes & StatementClasses.Ddl) != 0)
        {
            // The DDL runs after this verdict; the catalog grain reloads a moment later, in the background.
            await catalogGrain.RefreshAsync();
        }
        return new StatementVerdict(
            decision.Verdict.ToVerdict(), analysis.Classes.ToNames(), _rule!.Name, _policyVersion, decision.Reason,
            Cacheable: judgement.Sharable && !analysis.DependsOnSessionState);
    }

    /// <summary>
    /// An allowed search_path change adds its path to the possible ones (it may fail, be LOCAL or be rolled back,
    /// so the previous paths stay possible). Tracked under every rule, so a policy change that gives this session
    /// a rule with objects entries starts from what it really did.
    /// </summary>
    private void TrackSearchPath(SqlAnalysis analysis)
    {
        foreach (var statement in analysis.Statements)
        {
            if (statement.SearchPathChange is { } change)
            {
                _paths = _paths.With(change);
            }
        }
    }

    /// <summary>What <c>$user</c> means upstream: the login of the session's role.</summary>
    private string UpstreamUser() =>
        policies.Current.FindTarget(_request!.Target)?.FindRole(_rule!.Role)?.User.Reveal() ?? string.Empty;
}
