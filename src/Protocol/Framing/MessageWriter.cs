using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Warden.Protocol.Framing;

/// <summary>
/// Writes message fields into an <see cref="IBufferWriter{T}"/>. Callers compute each message's length
/// up front (spelled out per field) and pass it to <see cref="WriteHeader"/>, so nothing is patched later.
/// </summary>
public static class MessageWriter
{
    /// <summary>Byte1 type and Int32 length, where <paramref name="payloadLength"/> excludes the length word.</summary>
    public static void WriteHeader(IBufferWriter<byte> writer, byte type, int payloadLength)
    {
        var span = writer.GetSpan(5);
        span[0] = type;
        BinaryPrimitives.WriteInt32BigEndian(span[1..], payloadLength + 4);
        writer.Advance(5);
    }

    public static void WriteByte(IBufferWriter<byte> writer, byte value)
    {
        writer.GetSpan(1)[0] = value;
        writer.Advance(1);
    }

    public static void WriteInt16(IBufferWriter<byte> writer, short value)
    {
        BinaryPrimitives.WriteInt16BigEndian(writer.GetSpan(2), value);
        writer.Advance(2);
    }

    public static void WriteInt32(IBufferWriter<byte> writer, int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(writer.GetSpan(4), value);
        writer.Advance(4);
    }

    /// <summary>Bytes a <see cref="WriteCString"/> of <paramref name="value"/> takes, terminator included.</summary>
    public static int CStringLength(string value) => Encoding.UTF8.GetByteCount(value) + 1;

    public static void WriteCString(IBufferWriter<byte> writer, string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        var span = writer.GetSpan(length + 1);
        Encoding.UTF8.GetBytes(value, span);
        span[length] = 0;
        writer.Advance(length + 1);
    }

    public static void WriteBytes(IBufferWriter<byte> writer, ReadOnlySpan<byte> bytes) => writer.Write(bytes);

    public static void WriteBytes(IBufferWriter<byte> writer, in ReadOnlySequence<byte> bytes)
    {
        foreach (var segment in bytes)
        {
            writer.Write(segment.Span);
        }
    }
}
