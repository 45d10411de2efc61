using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Warden.Edge.Diagnostics;
using Warden.Edge.Upstream;
using Warden.Grains.Interfaces.Cancellation;
using Warden.Grains.Interfaces.Sessions;
using Warden.Protocol;
using Warden.Protocol.Messages;

namespace Warden.Edge.Connections;

/// <summary>
/// Authentication: the token arrives as a cleartext password (only over TLS, or loopback in development),
/// becomes an identity, the session grain returns a plan, and the edge logs in upstream as the plan's role.
/// https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-START-UP
/// </summary>
internal sealed partial class ClientConnection
{
    private const int MaxTokenBytes = 64 * 1024;

    /// <summary>The session plan, or null when the client was refused (a FATAL has been sent) or left.</summary>
    private async Task<SessionPlan?> LoginAsync(StartupMessage startup, CancellationToken ct)
    {
        var user = startup.Get("user");
        if (string.IsNullOrEmpty(user))
        {
            throw new ProtocolException(SqlStates.InvalidAuthorizationSpecification, "no PostgreSQL user name specified in startup packet");
        }
        var target = startup.Get("database") is { Length: > 0 } database ? database : user;
        await NegotiateProtocolVersionAsync(startup, ct).ConfigureAwait(false);

        var settings = StartupPolicy.Evaluate(startup.Parameters);
        if (settings.Refused)
        {
            return await RefuseAsync(settings.RefusalState!, settings.RefusalMessage!).ConfigureAwait(false);
        }
        if (!TransportSecurity.MayAcceptToken(_tls, Remote?.Address, edge.Options.AllowCleartextTokenOnLoopback))
        {
            return await RefuseAsync(SqlStates.InvalidAuthorizationSpecification,
                "Warden accepts tokens only over TLS: connect with sslmode=require").ConfigureAwait(false);
        }

        BackendMessages.WriteAuthentication(_client.Output, AuthenticationCode.CleartextPassword);
        await _client.Output.FlushAsync(ct).ConfigureAwait(false);
        var answer = await PipeFrames.ReadFrameAsync(_client.Input, MaxTokenBytes, ct).ConfigureAwait(false);
        if (answer is null)
        {
            return null; // libpq probes without a password first, then reconnects with one.
        }
        if (answer.Value.Type != FrontendMessageType.Password)
        {
            throw ProtocolException.Malformed($"expected a password message, got '{(char)answer.Value.Type}'");
        }
        var token = FrontendMessages.ParsePassword(answer.Value.PayloadSequence);
        var validation = await edge.Tokens.ValidateAsync(token, ct).ConfigureAwait(false);
        if (!validation.Succeeded)
        {
            Log.TokenRejected(edge.Logger, Remote, validation.Failure.ClientMessage);
            return await RefuseAsync(validation.Failure.SqlState, validation.Failure.ClientMessage).ConfigureAwait(false);
        }

        using var activity = EdgeTelemetry.Activities.StartActivity("warden.session.open");
        _sessionId = Guid.NewGuid();
        activity?.SetTag("warden.session.id", _sessionId);
        activity?.SetTag("db.namespace", target);
        _session = edge.Grains.Session(_sessionId);
        var request = new SessionRequest(validation.Identity, target, Remote?.ToString() ?? "unknown", user, edge.Options.ResolvedEdgeId, startup.Get("application_name"));
        var opened = await _session.OpenAsync(request).ConfigureAwait(false);
        if (opened.Plan is null)
        {
            Log.SessionRefused(edge.Logger, validation.Identity.Subject, target, opened.Refusal);
            return await RefuseAsync(SqlStates.InvalidAuthorizationSpecification, opened.Refusal ?? "no access rule matches").ConfigureAwait(false);
        }
        var plan = opened.Plan;

        _upstream = await UpstreamConnection.OpenAsync(plan.Upstream, UpstreamSettings(settings, plan, validation.Identity), ct).ConfigureAwait(false);
        if (plan.ObjectRules)
        {
            // Object-scoped rules resolve unqualified names against the session's real search_path.
            await _session.ReportSearchPathAsync(await _upstream.ReadSearchPathAsync(ct).ConfigureAwait(false)).ConfigureAwait(false);
        }
        var (gatewayPid, gatewaySecret) = await RegisterCancelKeyAsync(plan).ConfigureAwait(false);
        await GreetAsync(gatewayPid, gatewaySecret, ct).ConfigureAwait(false);
        Log.SessionStarted(edge.Logger, _sessionId, validation.Identity.Subject, target, plan.RuleName, plan.Role);
        return plan;
    }

    /// <summary>Client settings allowed through, plus what the gateway itself insists on upstream.</summary>
    private Dictionary<string, string> UpstreamSettings(StartupDecision decision, SessionPlan plan, CallerIdentity identity)
    {
        var upstream = new Dictionary<string, string>(decision.Settings, StringComparer.Ordinal)
        {
            // The database's own logs and pg_stat_activity name the caller and session (NAMEDATALEN caps it at 63 bytes).
            ["application_name"] = Truncate($"warden:{identity.Subject}:{_sessionId:N}", 63),
        };
        if (plan.ReadOnly)
        {
            // Defence in depth: a read-only rule's upstream session cannot write even if a statement slipped past.
            upstream["default_transaction_read_only"] = "on";
        }
        return upstream;
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];

    /// <summary>Clients newer than 3.0, or asking for _pq_ extensions, are told what the gateway speaks.</summary>
    private async Task NegotiateProtocolVersionAsync(StartupMessage startup, CancellationToken ct)
    {
        var extensions = startup.Parameters.Keys.Where(k => k.StartsWith("_pq_.", StringComparison.Ordinal)).ToList();
        if (startup.MinorVersion > 0 || extensions.Count > 0)
        {
            BackendMessages.WriteNegotiateProtocolVersion(_client.Output, 0, extensions);
            await _client.Output.FlushAsync(ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Issues the client a gateway-owned backend key. The server's own key never leaves the edge; a cancel
    /// presenting the gateway key can arrive at any edge, which resolves it through the cluster.
    /// </summary>
    private async Task<(int ProcessId, int SecretKey)> RegisterCancelKeyAsync(SessionPlan plan)
    {
        var route = new CancelRoute(plan.Upstream.Host, plan.Upstream.Port, _upstream!.ProcessId, _upstream.SecretKey, plan.Upstream.Tls);
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var processId = RandomNumberGenerator.GetInt32(1, int.MaxValue);
            var secret = RandomNumberGenerator.GetInt32(int.MinValue, int.MaxValue);
            if (await edge.Grains.CancelKey(processId).RegisterAsync(new CancelRegistration(secret, _sessionId, route)).ConfigureAwait(false))
            {
                _gatewayProcessId = processId;
                return (processId, secret);
            }
        }
        throw new OrleansException("could not allocate a gateway backend key");
    }

    private async Task GreetAsync(int processId, int secretKey, CancellationToken ct)
    {
        var output = _client.Output;
        BackendMessages.WriteAuthentication(output, AuthenticationCode.Ok);
        foreach (var (name, value) in _upstream!.ParameterStatuses)
        {
            BackendMessages.WriteParameterStatus(output, name, value);
        }
        BackendMessages.WriteBackendKeyData(output, processId, secretKey);
        BackendMessages.WriteReadyForQuery(output, (byte)'I');
        await output.FlushAsync(ct).ConfigureAwait(false);
    }

    private async Task<SessionPlan?> RefuseAsync(string sqlState, string message)
    {
        await TrySendFatalAsync(sqlState, message).ConfigureAwait(false);
        return null;
    }

    private async Task ForwardCancelAsync(CancelRequest request)
    {
        // As PostgreSQL does, the canceller learns nothing: no reply whether or not the key matched.
        var route = await edge.Grains.CancelKey(request.ProcessId).ResolveAsync(request.SecretKey).ConfigureAwait(false);
        if (route is null)
        {
            Log.CancelKeyUnknown(edge.Logger, Remote);
            return;
        }
        try
        {
            await CancelForwarder.SendAsync(route).ConfigureAwait(false);
            Log.CancelForwarded(edge.Logger, request.ProcessId);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or UpstreamLoginException)
        {
            // The canceller is told nothing either way, as PostgreSQL does; the operator's log says why.
            Log.CancelFailed(edge.Logger, request.ProcessId, e.Message);
        }
    }
}

/// <summary>Where a token may be accepted: over TLS always; in plaintext only from loopback when development allows it.</summary>
internal static class TransportSecurity
{
    public static bool MayAcceptToken(bool tls, IPAddress? remote, bool allowCleartextOnLoopback) =>
        tls || (allowCleartextOnLoopback && remote is not null
            // A dual-stack listener reports IPv4 clients as ::ffff:a.b.c.d; IsLoopback knows only ::ffff:127.0.0.1.
            && IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote));
}
