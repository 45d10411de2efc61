using System.Buffers;
using Warden.Protocol.Framing;

namespace Warden.Protocol.Messages;

/// <summary>
/// Describe ('D'): Byte1 'S' (a prepared statement) or 'P' (a portal), String name.
/// https://www.postgresql.org/docs/current/protocol-message-formats.html#PROTOCOL-MESSAGE-FORMATS-DESCRIBE
/// </summary>
public sealed record DescribeMessage(byte Target, string Name)
{
    public const byte Statement = (byte)'S';
    public const byte Portal = (byte)'P';

    public static DescribeMessage Parse(in ReadOnlySequence<byte> payload)
    {
        var (target, name) = ParseTargetAndName(payload, "Describe");
        return new DescribeMessage(target, name);
    }

    public void Write(IBufferWriter<byte> writer) => WriteTargetAndName(writer, FrontendMessageType.Describe, Target, Name);

    /// <summary>Describe and Close share their layout: Byte1 'S' or 'P', String name.</summary>
    internal static (byte Target, string Name) ParseTargetAndName(in ReadOnlySequence<byte> payload, string messageName)
    {
        var reader = new PayloadReader(payload);
        var target = reader.ReadByte();
        if (target is not (Statement or Portal))
        {
            throw ProtocolException.Malformed($"{messageName} message names neither a statement nor a portal");
        }
        var name = reader.ReadCString();
        reader.ExpectEnd(messageName);
        return (target, name);
    }

    internal static void WriteTargetAndName(IBufferWriter<byte> writer, byte type, byte target, string name)
    {
        MessageWriter.WriteHeader(writer, type, 1 + MessageWriter.CStringLength(name));
        MessageWriter.WriteByte(writer, target);
        MessageWriter.WriteCString(writer, name);
    }
}
