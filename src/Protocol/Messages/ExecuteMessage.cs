using System.Buffers;
using Warden.Protocol.Framing;

namespace Warden.Protocol.Messages;

/// <summary>
/// Execute ('E'): String portal, Int32 maximum rows (0: no limit).
/// https://www.postgresql.org/docs/current/protocol-message-formats.html#PROTOCOL-MESSAGE-FORMATS-EXECUTE
/// </summary>
public sealed record ExecuteMessage(string Portal, int MaxRows)
{
    public static ExecuteMessage Parse(in ReadOnlySequence<byte> payload)
    {
        var reader = new PayloadReader(payload);
        var portal = reader.ReadCString();
        var maxRows = reader.ReadInt32();
        reader.ExpectEnd("Execute");
        return new ExecuteMessage(portal, maxRows);
    }

    public void Write(IBufferWriter<byte> writer)
    {
        MessageWriter.WriteHeader(writer, FrontendMessageType.Execute, MessageWriter.CStringLength(Portal) + 4);
        MessageWriter.WriteCString(writer, Portal);
        MessageWriter.WriteInt32(writer, MaxRows);
    }
}
