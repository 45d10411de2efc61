using System.IO.Pipelines;
using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using Warden.Edge.Diagnostics;
using Warden.Edge.Recording;
using Warden.Edge.Upstream;
using Warden.Grains.Interfaces.Cancellation;
using Warden.Grains.Interfaces.Sessions;
using Warden.Protocol;
using Warden.Protocol.Messages;

namespace Warden.Edge.Connections;

/// <summary>
/// One client connection through its phases: startup (TLS negotiation, StartupMessage) → authentication
/// (token, session plan, upstream login) → relay. Every protocol failure ends here in one place, as an
/// ErrorResponse with its SQLSTATE followed by a clean close; exception text never reaches the client.
/// </summary>
internal sealed partial class ClientConnection(ConnectionContext connection, EdgeContext edge)
{
    private IDuplexPipe _client = connection.Transport;
    private Stream? _tlsStream;
    private bool _tls;
    private Guid _sessionId;
    private ISessionGrain? _session;
    private int _gatewayProcessId;
    private UpstreamConnection? _upstream;
    private SessionRecording? _recording;

    private IPEndPoint? Remote => connection.RemoteEndPoint as IPEndPoint;

    public async Task RunAsync()
    {
        var closeReason = "client closed the connection";
        var outcome = "closed_early";
        try
        {
            using var startupDeadline = new CancellationTokenSource(edge.Options.StartupTimeout);
            var startup = await NegotiateStartupAsync(startupDeadline.Token).ConfigureAwait(false);
            if (startup is null)
            {
                return;
            }
            var plan = await LoginAsync(startup, startupDeadline.Token).ConfigureAwait(false);
            if (plan is null)
            {
                closeReason = "refused at login";
                outcome = "refused";
                return;
            }
            outcome = "session";
            EdgeTelemetry.ActiveSessions.Add(1);
            try
            {
                closeReason = await RelayAsync(plan).ConfigureAwait(false);
            }
            finally
            {
                EdgeTelemetry.ActiveSessions.Add(-1);
            }
        }
        catch (ProtocolException e)
        {
            closeReason = "protocol violation: " + e.ClientMessage;
            outcome = "protocol_error";
            Log.ProtocolViolation(edge.Logger, Remote, e.SqlState, e.ClientMessage);
            await TrySendFatalAsync(e.SqlState, e.ClientMessage).ConfigureAwait(false);
        }
        catch (RecordingOverflowException e)
        {
            closeReason = "recording store unavailable too long";
            outcome = "recording_error";
            await TrySendFatalAsync(SqlStates.RecordingFailed, e.Message).ConfigureAwait(false);
        }
        catch (UpstreamLoginException e)
        {
            closeReason = "upstream login failed";
            outcome = "upstream_error";
            Log.UpstreamLoginFailed(edge.Logger, _sessionId, e.Message);
            await TrySendFatalAsync(SqlStates.UnableToConnect, "Warden could not log in to the target database").ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            closeReason = "startup timed out";
            await TrySendFatalAsync(SqlStates.ProtocolViolation, "startup did not complete in time").ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ConnectionResetException or System.Security.Authentication.AuthenticationException)
        {
            closeReason = "connection lost: " + e.GetType().Name;
            Log.ConnectionLost(edge.Logger, Remote, e.Message);
        }
        catch (Exception e) when (IsClusterFailure(e))
        {
            closeReason = "cluster unreachable";
            outcome = "cluster_error";
            Log.ClusterUnreachable(edge.Logger, e);
            await TrySendFatalAsync(SqlStates.CannotConnectNow, "the Warden cluster is unreachable; try again shortly").ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // A bug, not the client's fault: this connection ends with a generic error; others carry on.
            closeReason = "internal error";
            outcome = "internal_error";
            Log.InternalError(edge.Logger, _sessionId, e);
            await TrySendFatalAsync(SqlStates.InternalError, "internal error in the Warden gateway; the connection is closed").ConfigureAwait(false);
        }
        finally
        {
            EdgeTelemetry.Connections.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
            await CloseAsync(closeReason).ConfigureAwait(false);
        }
    }

    private static bool IsClusterFailure(Exception e) =>
        e is OrleansException or TimeoutException or Orleans.Runtime.SiloUnavailableException;

    private async Task TrySendFatalAsync(string sqlState, string message)
    {
        try
        {
            ErrorResponse.Create(ErrorResponse.Fatal, sqlState, message).Write(_client.Output);
            await _client.Output.FlushAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException or ConnectionResetException)
        {
            // The client is already gone; nothing left to tell it.
        }
    }

    private async Task CloseAsync(string reason)
    {
        if (_upstream is not null)
        {
            await _upstream.DisposeAsync().ConfigureAwait(false);
        }
        if (_sampler is { Requests.IsLost: true })
        {
            // Sampling fails closed and silently mid-session; say so once, so a recording without rows is explained.
            Log.SamplesStopped(edge.Logger, _sessionId);
            EdgeTelemetry.SamplesStopped.Add(1);
        }
        if (_recording is not null)
        {
            // Last events (the final results) before the grain records the close and seals.
            await _recording.DisposeAsync().ConfigureAwait(false);
        }
        if (_session is not null)
        {
            try
            {
                if (_gatewayProcessId != 0)
                {
                    await edge.Grains.CancelKey(_gatewayProcessId).UnregisterAsync(_sessionId).ConfigureAwait(false);
                }
                await _session.CloseAsync(reason).ConfigureAwait(false);
            }
            catch (Exception e) when (IsClusterFailure(e))
            {
                Log.ClusterUnreachable(edge.Logger, e);
            }
        }
        await _client.Input.CompleteAsync().ConfigureAwait(false);
        await _client.Output.CompleteAsync().ConfigureAwait(false);
        if (_tlsStream is not null)
        {
            await _tlsStream.DisposeAsync().ConfigureAwait(false);
        }
    }
}
