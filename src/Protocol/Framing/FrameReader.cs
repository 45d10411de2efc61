using System.Buffers;
using System.Buffers.Binary;

namespace Warden.Protocol.Framing;

/// <summary>
/// Cuts complete messages from a byte stream. Declared lengths are checked against a limit before any
/// body is awaited, so a peer cannot make us buffer more than the limit.
/// https://www.postgresql.org/docs/current/protocol-overview.html#PROTOCOL-MESSAGE-CONCEPTS
/// </summary>
public static class FrameReader
{
    public const int HeaderLength = 5;

    /// <summary>
    /// Reads the type and payload length of the next typed message without consuming it.
    /// Throws 08P01 when the declared length is below 4 or the payload exceeds <paramref name="maxPayloadLength"/>.
    /// </summary>
    public static bool TryReadHeader(in ReadOnlySequence<byte> buffer, int maxPayloadLength, out byte type, out int payloadLength)
    {
        type = 0;
        payloadLength = 0;
        if (buffer.Length < HeaderLength)
        {
            return false;
        }
        Span<byte> header = stackalloc byte[HeaderLength];
        buffer.Slice(0, HeaderLength).CopyTo(header);
        type = header[0];
        var declared = BinaryPrimitives.ReadInt32BigEndian(header[1..]);
        if (declared < 4)
        {
            throw ProtocolException.Malformed($"invalid message length {declared}");
        }
        payloadLength = declared - 4;
        if (payloadLength > maxPayloadLength)
        {
            throw ProtocolException.Malformed($"message of type '{(char)type}' is {payloadLength} bytes, over the limit of {maxPayloadLength}");
        }
        return true;
    }

    /// <summary>Takes one complete typed message off the front of <paramref name="buffer"/>, if there is one.</summary>
    public static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, int maxPayloadLength, out PgFrame frame)
    {
        frame = default;
        if (!TryReadHeader(buffer, maxPayloadLength, out var type, out var payloadLength))
        {
            return false;
        }
        var total = (long)HeaderLength + payloadLength;
        if (buffer.Length < total)
        {
            return false;
        }
        frame = new PgFrame(type, buffer.Slice(0, total));
        buffer = buffer.Slice(total);
        return true;
    }

    /// <summary>
    /// Takes one untyped startup-phase packet (Int32 length counting itself, then the body) off the front of
    /// <paramref name="buffer"/>. The returned body excludes the length word.
    /// </summary>
    public static bool TryReadStartupPacket(ref ReadOnlySequence<byte> buffer, int maxLength, out ReadOnlySequence<byte> body)
    {
        body = default;
        if (buffer.Length < 4)
        {
            return false;
        }
        Span<byte> lengthBytes = stackalloc byte[4];
        buffer.Slice(0, 4).CopyTo(lengthBytes);
        var length = BinaryPrimitives.ReadInt32BigEndian(lengthBytes);
        // Shortest valid packet is 8 bytes: length + code (an SSLRequest).
        if (length < 8 || length > maxLength)
        {
            throw ProtocolException.Malformed($"invalid startup packet length {length}");
        }
        if (buffer.Length < length)
        {
            return false;
        }
        body = buffer.Slice(4, length - 4);
        buffer = buffer.Slice(length);
        return true;
    }
}
