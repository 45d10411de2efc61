using System.Buffers;

namespace Warden.Protocol.Framing;

/// <summary>
/// One complete typed message, still as raw bytes: Byte1 type, Int32 length (counting itself), payload.
/// Forwarding copies <see cref="Bytes"/>; only messages policy needs are ever decoded.
/// </summary>
public readonly struct PgFrame(byte type, ReadOnlySequence<byte> bytes)
{
    public byte Type { get; } = type;

    /// <summary>The whole message including its 5-byte header.</summary>
    public ReadOnlySequence<byte> Bytes { get; } = bytes;

    public ReadOnlySequence<byte> Payload => Bytes.Slice(FrameReader.HeaderLength);

    public int PayloadLength => (int)Bytes.Length - FrameReader.HeaderLength;
}
