using System.Buffers;
using System.Text;
using Warden.Edge.Connections;
using Warden.Grains.Interfaces.Sessions;
using Warden.Protocol;
using Warden.Protocol.Authentication;
using Warden.Protocol.Messages;

namespace Warden.Edge.Upstream;

/// <summary>The login exchange: StartupMessage, authentication, then ParameterStatus/BackendKeyData until ReadyForQuery.</summary>
internal sealed partial class UpstreamConnection
{
    private const int MaxLoginMessage = 1 << 20;

    private async Task LoginAsync(UpstreamEndpoint endpoint, IReadOnlyDictionary<string, string> settings, CancellationToken ct)
    {
        var startup = new Dictionary<string, string>(settings, StringComparer.Ordinal)
        {
            ["user"] = endpoint.User,
            ["database"] = endpoint.Database,
        };
        var output = Pipe.Output;
        StartupMessage.Write(output, startup);
        await output.FlushAsync(ct).ConfigureAwait(false);

        ScramSha256Client? scram = null;
        while (true)
        {
            var frame = await PipeFrames.ReadFrameAsync(Pipe.Input, MaxLoginMessage, ct).ConfigureAwait(false)
                ?? throw new UpstreamLoginException($"upstream {endpoint} closed the connection during login");
            switch (frame.Type)
            {
                case BackendMessageType.Authentication:
                    scram = await AnswerAuthenticationAsync(endpoint, frame, scram, ct).ConfigureAwait(false);
                    break;
                case BackendMessageType.ParameterStatus:
                    ParameterStatuses.Add(BackendMessages.ParseParameterStatus(frame.PayloadSequence));
                    break;
                case BackendMessageType.BackendKeyData:
                    (ProcessId, SecretKey) = BackendMessages.ParseBackendKeyData(frame.PayloadSequence);
                    break;
                case BackendMessageType.NoticeResponse:
                case BackendMessageType.NegotiateProtocolVersion:
                    break;
                case BackendMessageType.ReadyForQuery:
                    return;
                case BackendMessageType.ErrorResponse:
                    var error = ErrorResponse.Parse(frame.PayloadSequence);
                    throw new UpstreamLoginException($"upstream {endpoint} refused login: {error.SqlState} {error.Message}");
                default:
                    throw new UpstreamLoginException($"upstream {endpoint} sent unexpected message '{(char)frame.Type}' during login");
            }
        }
    }

    private async Task<ScramSha256Client?> AnswerAuthenticationAsync(
        UpstreamEndpoint endpoint, OwnedFrame frame, ScramSha256Client? scram, CancellationToken ct)
    {
        var request = AuthenticationRequest.Parse(frame.PayloadSequence);
        var output = Pipe.Output;
        switch (request.Code)
        {
            case AuthenticationCode.Ok:
                return scram;
            case AuthenticationCode.CleartextPassword:
                FrontendMessages.WritePassword(output, endpoint.Password);
                break;
            case AuthenticationCode.Md5Password:
                FrontendMessages.WritePassword(output, Md5Password.Compute(endpoint.User, endpoint.Password, request.Data.AsSpan(0, 4)));
                break;
            case AuthenticationCode.Sasl:
                if (!request.SaslMechanisms().Contains(ScramSha256Client.Mechanism))
                {
                    throw new UpstreamLoginException($"upstream {endpoint} offers no SASL mechanism the gateway supports");
                }
                scram = new ScramSha256Client(endpoint.Password);
                FrontendMessages.WriteSaslInitialResponse(output, ScramSha256Client.Mechanism, scram.ClientFirstMessage());
                break;
            case AuthenticationCode.SaslContinue when scram is not null:
                // PBKDF2 takes milliseconds of CPU; with inline socket completions this code may be on the
                // epoll thread, which every other connection's I/O waits on. Do it on the thread pool.
                var serverFirst = Encoding.UTF8.GetString(request.Data);
                var clientFinal = await Task.Run(() => scram.ClientFinalMessage(serverFirst), ct).ConfigureAwait(false);
                FrontendMessages.WriteSaslResponse(output, clientFinal);
                break;
            case AuthenticationCode.SaslFinal when scram is not null:
                VerifyScram(endpoint, scram, request);
                return scram;
            default:
                throw new UpstreamLoginException($"upstream {endpoint} asks for unsupported authentication method {request.Code}");
        }
        await output.FlushAsync(ct).ConfigureAwait(false);
        return scram;
    }

    private static void VerifyScram(UpstreamEndpoint endpoint, ScramSha256Client scram, AuthenticationRequest request)
    {
        try
        {
            scram.VerifyServerFinal(Encoding.UTF8.GetString(request.Data));
        }
        catch (Exception e) when (e is ScramException or FormatException)
        {
            throw new UpstreamLoginException($"upstream {endpoint} failed SCRAM server verification: {e.Message}", e);
        }
    }
}
