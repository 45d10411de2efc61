using System.IO.Pipelines;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Warden.Edge.Connections;
using Warden.Grains.Interfaces.Sessions;
using Warden.Protocol.Messages;

namespace Warden.Edge.Upstream;

/// <summary>
/// The edge's own connection to the target PostgreSQL, logged in with the held credential of the session's
/// role. One per client session: the role differs per access rule, and the database enforces it.
/// </summary>
internal sealed partial class UpstreamConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly Stream _stream;

    private UpstreamConnection(Socket socket, Stream stream)
    {
        _socket = socket;
        _stream = stream;
        Pipe = new StreamPipe(stream);
    }

    public IDuplexPipe Pipe { get; }

    /// <summary>ParameterStatus messages the server sent at login, in order, to replay to the client.</summary>
    public List<(string Name, string Value)> ParameterStatuses { get; } = [];

    public int ProcessId { get; private set; }

    public int SecretKey { get; private set; }

    public static async Task<UpstreamConnection> OpenAsync(
        UpstreamEndpoint endpoint, IReadOnlyDictionary<string, string> settings, CancellationToken ct)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint.Host, endpoint.Port, ct).ConfigureAwait(false);
            Stream stream = new NetworkStream(socket, ownsSocket: false);
            if (endpoint.Tls != UpstreamTls.Disable)
            {
                stream = await NegotiateTlsAsync(stream, endpoint, ct).ConfigureAwait(false);
            }
            var connection = new UpstreamConnection(socket, stream);
            try
            {
                await connection.LoginAsync(endpoint, settings, ct).ConfigureAwait(false);
                return connection;
            }
            catch
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        catch (Exception e)
        {
            // Whatever went wrong (refused TLS, a deadline, a bad answer), the socket must not outlive it.
            socket.Dispose();
            if (e is SocketException or IOException or AuthenticationException)
            {
                throw new UpstreamLoginException($"cannot reach upstream {endpoint}: {e.Message}", e);
            }
            throw;
        }
    }

    /// <summary>
    /// SSLRequest, then TLS. "require" encrypts without checking the certificate (as libpq's sslmode=require);
    /// "verify-full" checks the chain and the host name.
    /// </summary>
    internal static async Task<Stream> NegotiateTlsAsync(Stream stream, UpstreamEndpoint endpoint, CancellationToken ct)
    {
        var request = new System.Buffers.ArrayBufferWriter<byte>(8);
        FrontendMessages.WriteSslRequest(request);
        await stream.WriteAsync(request.WrittenMemory, ct).ConfigureAwait(false);
        var answer = new byte[1];
        if (await stream.ReadAsync(answer, ct).ConfigureAwait(false) != 1 || answer[0] != (byte)'S')
        {
            throw new UpstreamLoginException($"upstream {endpoint} does not offer TLS but the policy requires it");
        }
        var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
        var options = new SslClientAuthenticationOptions { TargetHost = endpoint.Host };
        if (endpoint.Tls == UpstreamTls.Require)
        {
            options.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
        }
        await ssl.AuthenticateAsClientAsync(options, ct).ConfigureAwait(false);
        return ssl;
    }

    public async ValueTask DisposeAsync()
    {
        await Pipe.Input.CompleteAsync().ConfigureAwait(false);
        await Pipe.Output.CompleteAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        _socket.Dispose();
    }
}
