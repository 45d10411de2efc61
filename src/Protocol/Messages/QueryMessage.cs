using System.Buffers;
using Warden.Protocol.Framing;

namespace Warden.Protocol.Messages;

/// <summary>
/// Query ('Q'): String query text.
/// https://www.postgresql.org/docs/current/protocol-message-formats.html#PROTOCOL-MESSAGE-FORMATS-QUERY
/// </summary>
public static class QueryMessage
{
    public static string ParseText(in ReadOnlySequence<byte> payload)
    {
        var reader = new PayloadReader(payload);
        var text = reader.ReadCString();
        reader.ExpectEnd("Query");
        return text;
    }

    public static void Write(IBufferWriter<byte> writer, string sql)
    {
        MessageWriter.WriteHeader(writer, FrontendMessageType.Query, MessageWriter.CStringLength(sql));
        MessageWriter.WriteCString(writer, sql);
    }
}
