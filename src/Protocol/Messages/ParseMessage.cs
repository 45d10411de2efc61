using System.Buffers;
using Warden.Protocol.Framing;

namespace Warden.Protocol.Messages;

/// <summary>
/// Parse ('P'): String statement name, String query, Int16 parameter type count, Int32 type OID each.
/// https://www.postgresql.org/docs/current/protocol-message-formats.html#PROTOCOL-MESSAGE-FORMATS-PARSE
/// </summary>
public sealed record ParseMessage(string StatementName, string Query, int[] ParameterTypes)
{
    public static ParseMessage Parse(in ReadOnlySequence<byte> payload)
    {
        var reader = new PayloadReader(payload);
        var name = reader.ReadCString();
        var query = reader.ReadCString();
        var count = reader.ReadInt16();
        if (count < 0)
        {
            throw ProtocolException.Malformed("Parse message has a negative parameter count");
        }
        var types = new int[count];
        for (var i = 0; i < count; i++)
        {
            types[i] = reader.ReadInt32();
        }
        reader.ExpectEnd("Parse");
        return new ParseMessage(name, query, types);
    }

    public void Write(IBufferWriter<byte> writer)
    {
        // name + query + Int16 count + Int32 per type.
        var length = MessageWriter.CStringLength(StatementName) + MessageWriter.CStringLength(Query) + 2 + (4 * ParameterTypes.Length);
        MessageWriter.WriteHeader(writer, FrontendMessageType.Parse, length);
        MessageWriter.WriteCString(writer, StatementName);
        MessageWriter.WriteCString(writer, Query);
        MessageWriter.WriteInt16(writer, (short)ParameterTypes.Length);
        foreach (var type in ParameterTypes)
        {
            MessageWriter.WriteInt32(writer, type);
        }
    }
}
