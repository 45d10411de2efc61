using System.Buffers;

namespace Warden.Protocol.Messages;

/// <summary>
/// Close ('C'): Byte1 'S' (a prepared statement) or 'P' (a portal), String name.
/// https://www.postgresql.org/docs/current/protocol-message-formats.html#PROTOCOL-MESSAGE-FORMATS-CLOSE
/// </summary>
public sealed record CloseMessage(byte Target, string Name)
{
    public static CloseMessage Parse(in ReadOnlySequence<byte> payload)
    {
        var (target, name) = DescribeMessage.ParseTargetAndName(payload, "Close");
        return new CloseMessage(target, name);
    }

    public void Write(IBufferWriter<byte> writer) => DescribeMessage.WriteTargetAndName(writer, FrontendMessageType.Close, Target, Name);
}
