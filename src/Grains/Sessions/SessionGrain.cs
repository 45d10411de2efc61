using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Placement;
using Orleans.Runtime;
using Warden.Grains.Interfaces.Policy;
using Warden.Grains.Interfaces.Sessions;
using Warden.Grains.Policy;
using Warden.Grains.Recording;
using Warden.Policy.Access;
using Warden.Policy.Targets;
using Warden.Recording;
using Warden.Sql;

namespace Warden.Grains.Sessions;

/// <summary>
/// The policy authority for one client session: picks the access rule and upstream role when the session
/// opens, then judges each distinct statement text the edge has not already cached a verdict for.
/// </summary>
/// <remarks>
/// It also owns the session's recording (SessionGrain.Recording.cs): the edge streams events to it, and
/// it keeps the hash chain, seals at close, and seals as interrupted when the edge falls silent.
/// The session's identity and role are persisted at open, so after its silo is lost another silo's
/// activation carries the session (and its recording) on.
/// Prefer-local placement: a co-hosted edge's session grain lives in its own silo, so each uncached
/// statement costs an in-process call (~2 µs) rather than a network hop (DESIGN §2).
/// </remarks>
[CollectionAgeLimit(Days = 7)]
[PreferLocalPlacement]
internal sealed partial class SessionGrain(
    PolicyRuntime policies,
    IRecordingStore recordings,
    IOptions<SessionLivenessOptions> liveness,
    TimeProvider time,
    [PersistentState("session", StorageNames.Warden)] IPersistentState<SessionGrainState> state,
    ILogger<SessionGrain> logger,
    Warden.Grains.Masking.MaskingKey maskingKey) : Grain, ISessionGrain, IRemindable
{
    private SessionRequest? _request;
    private AccessRule? _rule;
    private long _policyVersion;

    /// <summary>SQL-level prepared statements of this session (PREPARE name AS ...), by name, with their classes.</summary>
    private readonly Dictionary<string, StatementClasses> _prepared = new(StringComparer.Ordinal);

    public async Task<SessionOpenResult> OpenAsync(SessionRequest request)
    {
        Touch();
        if (state.State.Request is not null)
        {
            // Session ids are random per connection; a reused one is a bug or a replay: never share a session.
            return SessionOpenResult.Refused("this session id is already in use");
        }
        var policy = policies.Current;
        var identity = request.Identity;
        var target = policy.FindTarget(request.Target);
        if (target is null)
        {
            return SessionOpenResult.Refused($"database \"{request.Target}\" is not a Warden target");
        }
        var rule = policy.MatchRule(identity.Subject, [.. identity.Groups], request.Target);
        if (rule is null)
        {
            return SessionOpenResult.Refused($"no access rule allows \"{identity.Subject}\" on target \"{request.Target}\"");
        }
        var role = target.FindRole(rule.Role);
        if (role is null)
        {
            // The loader checks rule roles against targets; a rule without target list can still miss one.
            return SessionOpenResult.Refused($"access rule \"{rule.Name}\" names role \"{rule.Role}\", which target \"{request.Target}\" does not define");
        }
        var mode = SessionRecordingLog.ModeOf(policy.Recording.Durability);
        if (await StartRecordingAsync(request, rule, mode, policy.Version) is { } failure)
        {
            return SessionOpenResult.Refused($"{failure}; Warden runs no session it cannot record");
        }
        _request = request;
        _rule = rule;
        _policyVersion = policy.Version;
        var samples = await ResultSamplesAsync(policy, request.Target);
        var plan = new SessionPlan(
            this.GetPrimaryKey(), rule.Name, rule.Role, Endpoint(target, role), policy.Version, rule.IsReadOnly, identity.ExpiresAt, mode, rule.HasObjects,
            samples);
        Log.Opened(logger, this.GetPrimaryKey(), identity.Subject, request.Target, rule.Name);
        return SessionOpenResult.Opened(plan);
    }

    public async Task<StatementVerdict> EvaluateAsync(string sql)
    {
        Touch();
        if (Unbound() is { } refusal)
        {
            return await Deny(refusal);
        }
        var analysis = SqlAnalyzer.Analyze(sql, new SqlAnalyzerOptions { PreparedStatements = _prepared, ReadOnlySession = _rule!.IsReadOnly });
        var verdict = _rule.HasObjects
            ? await JudgeObjectsAsync(analysis)
            : Judge(analysis.Classes, cacheable: !analysis.DependsOnSessionState);
        if (verdict.Verdict == Verdict.Allow)
        {
            TrackPreparedStatements(analysis);
            TrackSearchPath(analysis);
        }
        return verdict;
    }

    /// <summary>Follows PREPARE / DEALLOCATE / DISCARD that are about to run, so a later EXECUTE is judged by what it runs.</summary>
    private void TrackPreparedStatements(SqlAnalysis analysis)
    {
        foreach (var change in analysis.Statements.Select(st => st.PreparedStatementChange).OfType<PreparedStatementChange>())
        {
            switch (change.Kind)
            {
                case PreparedStatementChangeKind.Prepare when change.Name is not null:
                    _prepared[change.Name] = change.Classes;
                    break;
                case PreparedStatementChangeKind.Deallocate when change.Name is not null:
                    _prepared.Remove(change.Name);
                    break;
                case PreparedStatementChangeKind.DeallocateAll:
                    _prepared.Clear();
                    break;
            }
        }
    }

    public Task<StatementVerdict> EvaluateFunctionCallAsync(int functionOid)
    {
        Touch();
        return Unbound() is { } refusal
            ? Deny(refusal)
            : Task.FromResult(Judge(StatementClasses.Admin, cacheable: false));
    }

    private StatementVerdict Judge(StatementClasses classes, bool cacheable)
    {
        var decision = _rule!.Decide(classes);
        var verdict = decision.Verdict.ToVerdict();
        return new StatementVerdict(verdict, classes.ToNames(), _rule.Name, _policyVersion, decision.Reason, cacheable);
    }

    /// <summary>
    /// Why the session may run nothing now, or null when it is bound to a rule of the current policy
    /// (moving it to a newer version first if there is one).
    /// </summary>
    private string? Unbound()
    {
        if (_request is null || state.State.CloseReason is not null)
        {
            // Never opened, or already closed: fail closed.
            return "the session is no longer known to the Warden cluster; reconnect";
        }
        var policy = policies.Current;
        // A new activation of a session opened on a lost silo has no rule yet: match it again.
        return _rule is null || policy.Version != _policyVersion ? Rebind(policy) : null;
    }

    /// <summary>
    /// Moves a live session to a new policy version: its caller's rule is matched again. The upstream
    /// login cannot change role mid-session, so losing access or moving to another role ends what the
    /// session may do (it must reconnect); otherwise the new rule applies from the next statement.
    /// </summary>
    private string? Rebind(Warden.Policy.PolicySnapshot policy)
    {
        var identity = _request!.Identity;
        var rule = policy.MatchRule(identity.Subject, [.. identity.Groups], _request.Target);
        if (rule is null)
        {
            return $"policy version {policy.Version} gives \"{identity.Subject}\" no access to target \"{_request.Target}\"";
        }
        if (rule.Role != state.State.Role)
        {
            return $"policy version {policy.Version} moves this session to role \"{rule.Role}\"; reconnect to use it";
        }
        _rule = rule;
        _policyVersion = policy.Version;
        return null;
    }

    private Task<StatementVerdict> Deny(string reason) =>
        Task.FromResult(new StatementVerdict(Verdict.Deny, [], _rule?.Name ?? "", policies.Current.Version, reason));

    private static UpstreamEndpoint Endpoint(PolicyTarget target, TargetRole role) => new(
        target.Host, target.Port, target.Database, role.User.Reveal(), role.Password.Reveal(), target.Tls switch
        {
            TargetTls.Disable => UpstreamTls.Disable,
            TargetTls.VerifyFull => UpstreamTls.VerifyFull,
            _ => UpstreamTls.Require,
        });

    private static partial class Log
    {
        [LoggerMessage(2000, LogLevel.Debug, "Session {SessionId} opened for {Subject} on {Target} under rule {Rule}")]
        public static partial void Opened(ILogger logger, Guid sessionId, string subject, string target, string rule);

        [LoggerMessage(2001, LogLevel.Debug, "Session {SessionId} closed: {Reason}")]
        public static partial void Closed(ILogger logger, Guid sessionId, string reason);

        [LoggerMessage(2002, LogLevel.Warning, "Session {SessionId}: recording failed: {Failure}")]
        public static partial void RecordingFailed(ILogger logger, Guid sessionId, string failure);

        [LoggerMessage(2003, LogLevel.Warning, "Session {SessionId} sealed as interrupted: {Reason}")]
        public static partial void Interrupted(ILogger logger, Guid sessionId, string reason);
    }
}
