using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Warden.Protocol.Messages;

namespace Warden.Integration.Tests.Upstream;

/// <summary>
/// A loopback listener that answers an SSLRequest with 'N', as a PostgreSQL server with ssl=off does, and then
/// watches whether the connecting side closes its socket. A real server shows nothing of that: it drops a
/// connection that sends no startup packet without logging it.
/// </summary>
internal sealed class PlaintextOnlyPeer : IDisposable
{
    private readonly TcpListener _listener;

    private PlaintextOnlyPeer(TcpListener listener)
    {
        _listener = listener;
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public static PlaintextOnlyPeer Start()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new PlaintextOnlyPeer(listener);
    }

    /// <summary>
    /// Accepts the next connection, checks it opens with an SSLRequest, answers 'N', and returns whether the other
    /// side then closed the connection within <paramref name="closeTimeout"/>.
    /// </summary>
    public async Task<bool> DeclineTlsAndWaitForCloseAsync(TimeSpan closeTimeout)
    {
        using var accept = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var socket = await _listener.AcceptSocketAsync(accept.Token);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var request = new byte[8];
        await stream.ReadExactlyAsync(request, accept.Token);
        Assert.Equal(StartupCodes.SslRequest, BinaryPrimitives.ReadInt32BigEndian(request.AsSpan(4)));
        await stream.WriteAsync("N"u8.ToArray(), accept.Token);

        using var close = new CancellationTokenSource(closeTimeout);
        try
        {
            return await stream.ReadAsync(new byte[1], close.Token) == 0;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            return true; // reset by the other side
        }
    }

    public void Dispose() => _listener.Dispose();
}
