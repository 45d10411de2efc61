using System.Buffers;
using System.Net.Sockets;
using Warden.Grains.Interfaces.Cancellation;
using Warden.Grains.Interfaces.Sessions;
using Warden.Protocol.Messages;

namespace Warden.Edge.Upstream;

/// <summary>
/// Sends a CancelRequest with the upstream server's real backend key on a new connection, as a client would.
/// https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-CANCELING-REQUESTS
/// </summary>
internal static class CancelForwarder
{
    public static async Task SendAsync(CancelRoute route)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(route.Host, route.Port, timeout.Token).ConfigureAwait(false);
        Stream stream = new NetworkStream(socket, ownsSocket: false);
        await using (stream.ConfigureAwait(false))
        {
            if (route.Tls != UpstreamTls.Disable)
            {
                var endpoint = new UpstreamEndpoint(route.Host, route.Port, "", "", "", route.Tls);
                stream = await UpstreamConnection.NegotiateTlsAsync(stream, endpoint, timeout.Token).ConfigureAwait(false);
            }
            var message = new ArrayBufferWriter<byte>(16);
            new CancelRequest(route.UpstreamProcessId, route.UpstreamSecretKey).Write(message);
            await stream.WriteAsync(message.WrittenMemory, timeout.Token).ConfigureAwait(false);
            await stream.FlushAsync(timeout.Token).ConfigureAwait(false);
            // The server closes the connection once it has read the request; wait for that so it is not lost.
            var sink = new byte[1];
            _ = await stream.ReadAsync(sink, timeout.Token).ConfigureAwait(false);
        }
    }
}
