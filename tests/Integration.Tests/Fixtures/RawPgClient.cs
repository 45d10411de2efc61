using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;
using Warden.Protocol.Messages;

namespace Warden.Integration.Tests.Fixtures;

/// <summary>
/// A bare socket speaking the wire protocol byte by byte, for what real drivers never send: malformed
/// frames, odd startup sequences, cancel requests aimed at another edge.
/// </summary>
internal sealed class RawPgClient : IAsyncDisposable
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(20);
    private readonly Socket _socket;
    private readonly NetworkStream _stream;

    private RawPgClient(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: false);
    }

    public int BackendProcessId { get; private set; }
    public int BackendSecretKey { get; private set; }

    public static async Task<RawPgClient> ConnectAsync(int port)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync("127.0.0.1", port);
        return new RawPgClient(socket);
    }

    public async Task SendAsync(byte[] bytes) => await _stream.WriteAsync(bytes);

    public Task SendAsync(Action<IBufferWriter<byte>> write)
    {
        var writer = new ArrayBufferWriter<byte>();
        write(writer);
        return SendAsync(writer.WrittenSpan.ToArray());
    }

    public Task SendStartupAsync(params (string Name, string Value)[] parameters) =>
        SendAsync(w => StartupMessage.Write(w, parameters.Select(p => new KeyValuePair<string, string>(p.Name, p.Value))));

    /// <summary>One byte (the answer to SSLRequest/GSSENCRequest), or -1 at end of stream.</summary>
    public async Task<int> ReadByteAsync()
    {
        var one = new byte[1];
        using var timeout = new CancellationTokenSource(ReadTimeout);
        return await _stream.ReadAsync(one, timeout.Token) == 0 ? -1 : one[0];
    }

    /// <summary>The next typed message, or null when the server closed the connection.</summary>
    public async Task<(byte Type, byte[] Payload)?> ReadMessageAsync()
    {
        using var timeout = new CancellationTokenSource(ReadTimeout);
        var header = new byte[5];
        if (!await ReadExactlyOrEndAsync(header, timeout.Token))
        {
            return null;
        }
        var payload = new byte[BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(1)) - 4];
        await _stream.ReadExactlyAsync(payload, timeout.Token);
        return (header[0], payload);
    }

    /// <summary>Reads messages until one of <paramref name="type"/> arrives (returned last) or the connection closes.</summary>
    public async Task<List<(byte Type, byte[] Payload)>> ReadUntilAsync(byte type)
    {
        var messages = new List<(byte, byte[])>();
        while (await ReadMessageAsync() is { } message)
        {
            messages.Add(message);
            if (message.Type == BackendMessageType.BackendKeyData)
            {
                BackendProcessId = BinaryPrimitives.ReadInt32BigEndian(message.Payload);
                BackendSecretKey = BinaryPrimitives.ReadInt32BigEndian(message.Payload.AsSpan(4));
            }
            if (message.Type == type)
            {
                break;
            }
        }
        return messages;
    }

    /// <summary>The ErrorResponse fields of the next message, asserting it is one.</summary>
    public async Task<ErrorResponse> ReadErrorAsync()
    {
        var message = await ReadMessageAsync();
        Assert.NotNull(message);
        Assert.Equal((char)BackendMessageType.ErrorResponse, (char)message.Value.Type);
        return ErrorResponse.Parse(new ReadOnlySequence<byte>(message.Value.Payload));
    }

    /// <summary>True when the server closes the connection (after any pending messages) within the timeout.</summary>
    public async Task<bool> ClosedAsync()
    {
        while (await ReadMessageAsync() is not null)
        {
        }
        return true;
    }

    /// <summary>Startup and token login; returns the messages up to ReadyForQuery (or the error).</summary>
    public async Task<List<(byte Type, byte[] Payload)>> LoginAsync(string token, string database = "demo")
    {
        await SendStartupAsync(("user", "raw"), ("database", database));
        var auth = await ReadMessageAsync();
        Assert.Equal((char)BackendMessageType.Authentication, (char)auth!.Value.Type);
        await SendAsync(w => FrontendMessages.WritePassword(w, token));
        return await ReadUntilAsync(BackendMessageType.ReadyForQuery);
    }

    private async Task<bool> ReadExactlyOrEndAsync(byte[] buffer, CancellationToken ct)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            int n;
            try
            {
                n = await _stream.ReadAsync(buffer.AsMemory(read), ct);
            }
            catch (IOException)
            {
                return false; // reset by peer counts as closed
            }
            if (n == 0)
            {
                return read == 0 ? false : throw new EndOfStreamException("connection closed inside a message");
            }
            read += n;
        }
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _socket.Dispose();
    }
}
